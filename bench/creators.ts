import { createHash } from 'node:crypto';
import type { Database } from '@creator-payouts/prisma';
import jwt from 'jsonwebtoken';

/**
 * Benchmark creators: ACTIVE, KYC approved, each with its own Express account.
 * Ids are derived from the creator's number (md5 as a uuid), so SQL can insert
 * a million of them in one statement and the harness can mint their tokens
 * without reading them back.
 */
export const BENCH_JWT_SECRET = 'bench-only-hs256-secret-of-at-least-32-chars';

export function creatorUserId(n: number): string {
  const hex = createHash('md5').update(`bench-creator-${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Inserts creators number `from` to `to` (inclusive). */
export async function seedCreators(database: Database, from: number, to: number): Promise<void> {
  await database.prisma.$executeRawUnsafe(
    `INSERT INTO "User" (id, email, "updatedAt")
     SELECT md5('bench-creator-' || n)::uuid::text, 'creator' || n || '@bench.example', now()
     FROM generate_series($1::int, $2::int) AS n`,
    from,
    to,
  );
  await database.prisma.$executeRawUnsafe(
    `INSERT INTO "CreatorProfile" (id, "userId", "stripeAccountId", "stripeAccountStatus", "stripeChargesEnabled", "stripePayoutsEnabled", "kycStatus", "updatedAt")
     SELECT md5('bench-profile-' || n)::uuid::text, md5('bench-creator-' || n)::uuid::text, 'acct_bench' || n,
            'ACTIVE'::"StripeAccountStatus", true, true, 'APPROVED'::"KycStatus", now()
     FROM generate_series($1::int, $2::int) AS n`,
    from,
    to,
  );
  // As a table that has lived a while: statistics current, hint bits and visibility map set
  // (otherwise the first read of each new row writes, and autovacuum competes with the load).
  await database.prisma.$executeRawUnsafe('VACUUM ANALYZE "User", "CreatorProfile"');
}

/** One access token per creator, valid for an hour, as the platform's auth service would issue them. */
export function mintTokens(creatorNumbers: number[]): string[] {
  return creatorNumbers.map((n) => jwt.sign({ sub: creatorUserId(n) }, BENCH_JWT_SECRET, { algorithm: 'HS256', expiresIn: '1h' }));
}

const LOOKUP_SQL = 'SELECT "stripeAccountId", "stripeAccountStatus" FROM "CreatorProfile" WHERE "userId" = $1';

/**
 * How the profile lookup runs, measured by PostgreSQL itself (EXPLAIN ANALYZE,
 * free of load and machine noise): the plan's top node, and the median
 * execution time over the given creators.
 */
export async function profileLookup(database: Database, creatorNumbers: number[]): Promise<{ plan: string; medianExecutionMs: number }> {
  type Explained = { 'QUERY PLAN': [{ Plan: { 'Node Type': string; 'Index Name'?: string }; 'Execution Time': number }] }[];
  const times: number[] = [];
  let plan = '';
  for (const n of creatorNumbers) {
    const [
      {
        'QUERY PLAN': [explained],
      },
    ] = await database.prisma.$queryRawUnsafe<Explained>(`EXPLAIN (ANALYZE, FORMAT JSON) ${LOOKUP_SQL}`, creatorUserId(n));
    plan = explained.Plan['Index Name'] ? `${explained.Plan['Node Type']} using ${explained.Plan['Index Name']}` : explained.Plan['Node Type'];
    times.push(explained['Execution Time']);
  }
  times.sort((a, b) => a - b);
  return { plan, medianExecutionMs: times[Math.floor(times.length / 2)] };
}
