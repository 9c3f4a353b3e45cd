export { startStripeMock, type Fault, type StripeMock, type StripeMockOptions } from './server';
export { fixtures } from './fixtures';
