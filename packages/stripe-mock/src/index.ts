export { CONTROL_ACCOUNT_STATE, CONTROL_FAULT, DEFAULT_PORT, startStripeMock, type Fault, type Hold, type Operation, type StripeMock, type StripeMockOptions, type RecordedRequest } from './server';
export { fixtures } from './fixtures';
