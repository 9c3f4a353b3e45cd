// Run as `node --expose-gc bench/throttle-memory.ts <users>`: heap growth of the
// app's in-memory rate-limit storage (no REDIS_URL) after one request from each
// of <users> distinct users. Prints JSON.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { creatorUserId } from './creators.ts';

/** The contract's limit: 10 requests per hour per user and route. */
const LIMIT = 10;
const WINDOW_MS = 60 * 60 * 1000;

interface Storage {
  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<unknown>;
  onApplicationShutdown(): void;
}
// The built app's own storage class (CommonJS), exactly what it counts in.
const { ResilientThrottlerStorage } = createRequire(import.meta.url)('../packages/nestjs-stripe-connect/dist/rate-limit/resilient-throttler-storage.js') as {
  ResilientThrottlerStorage: new (redis: null) => Storage;
};

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const users = Number(process.argv[2]);
const heapUsed = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

// Keys as @nestjs/throttler's guard builds them: sha256 of controller, handler, throttler name and tracker.
const keys = Array.from({ length: users }, (_, i) =>
  createHash('sha256')
    .update(`StripeConnectController-createDashboardLink-default-user:${creatorUserId(i + 1)}`)
    .digest('hex'),
);
const storage = new ResilientThrottlerStorage(null);
const before = heapUsed();
for (const key of keys) await storage.increment(key, WINDOW_MS, LIMIT, WINDOW_MS, 'default');
const growth = heapUsed() - before;
storage.onApplicationShutdown();
process.stdout.write(JSON.stringify({ users, heapGrowthBytes: growth, bytesPerUser: Math.round(growth / users) }));
