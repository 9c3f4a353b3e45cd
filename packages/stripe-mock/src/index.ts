export {
  CONTROL_ACCOUNT_STATE,
  CONTROL_FAULT,
  CONTROL_THIN_EVENT,
  DEFAULT_PORT,
  startStripeMock,
  type Fault,
  type Hold,
  type Operation,
  type StripeMock,
  type StripeMockOptions,
  type RecordedRequest,
} from './server';
export { v2AccountFields, type V2AccountState } from './accounts-v2';
export { fixtures } from './fixtures';
