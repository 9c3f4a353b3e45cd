import { Prisma } from '@creator-payouts/prisma';

// Prisma's codes for "the database is not there right now", as opposed to a query that is wrong.
const UNAVAILABLE_CODES = new Set([
  'P1001', // can't reach the database server
  'P1002', // reached, but timed out
  'P1008', // operation timed out
  'P1017', // server closed the connection
  'P2024', // timed out waiting for a pooled connection
]);

/** Whether an error means the database is unreachable (answered as 503, retryable) rather than a bug (500). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return UNAVAILABLE_CODES.has(error.code);
  return error instanceof Prisma.PrismaClientInitializationError;
}
