export { startStripeMock, type Fault, type StripeMock, type StripeMockOptions, type RecordedRequest } from './server';
export { fixtures } from './fixtures';
