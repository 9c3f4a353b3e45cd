import { Prisma } from '@creator-payouts/prisma';

// Prisma's codes for "the database is not there right now", as opposed to a query that is wrong.
const UNAVAILABLE_CODES = new Set([
  'P1001', // can't reach the database server
  'P1002', // reached, but timed out
  'P1008', // operation timed out
  'P1017', // server closed the connection
  'P2024', // timed out waiting for a pooled connection
  'P2028', // transaction API: could not start (or finish) a transaction in time
]);

// What the pg driver throws when a connection cannot be made, is cut, or stops
// answering (DATABASE_QUERY_TIMEOUT_MS), which Prisma passes on as it is: no
// Prisma code, no SQLSTATE, only these messages.
const DRIVER_CONNECTION_FAILURE = /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout)/;

/** Whether an error means the database is unreachable (answered as 503, retryable) rather than a bug (500). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return UNAVAILABLE_CODES.has(error.code);
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  return error instanceof Error && DRIVER_CONNECTION_FAILURE.test(error.message);
}
