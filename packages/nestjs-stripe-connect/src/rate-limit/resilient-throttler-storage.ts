import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** One user's window on one route: when it ends (ms since the epoch) and the requests counted in it. */
interface Window {
  hits: number;
  endsAt: number;
}

// The same window as the memory one, atomically in Redis. The app's clock is passed in (ARGV[1]) so
// every storage reads one clock; the key's own expiry is only clean-up, with a minute of slack for
// clock differences between instances.
const REDIS_HIT = `
local now = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local endsAt = tonumber(redis.call('HGET', KEYS[1], 'endsAt'))
if not endsAt or endsAt <= now then
  endsAt = now + ttl
  redis.call('HSET', KEYS[1], 'hits', 0, 'endsAt', endsAt)
  redis.call('PEXPIRE', KEYS[1], ttl + 60000)
end
return { redis.call('HINCRBY', KEYS[1], 'hits', 1), endsAt }
`;

/**
 * What the storage uses of an ioredis client. Its own type, so that a host without ioredis (an optional peer
 * dependency) still compiles against the module's types.
 */
export interface RedisClient {
  readonly status: string;
  defineCommand(name: string, definition: { numberOfKeys: number; lua: string }): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
}

type RedisWithHit = RedisClient & { throttleHit(key: string, now: number, ttl: number): Promise<[number, number]> };

/**
 * Where rate-limit counters live, with the contract's window: it opens at the
 * user's first request on the route and lasts `ttl`; requests past the limit
 * get `Retry-After` = the seconds until it ends, and the first request after
 * it opens a new one. (Neither storage shipped for @nestjs/throttler has this
 * window: its memory storage slides per hit, and both block for a full
 * `blockDuration` from the request that went over, so a user blocked at
 * minute 59 waited another hour. `blockDuration` is therefore not used.)
 *
 * With Redis (REDIS_URL) the counters are shared by every instance and
 * counted atomically (one Lua script), so a user's 10 per hour hold across
 * instances. While Redis is unreachable each instance counts in its own
 * memory: requests keep being served, limited per instance; the outage is
 * logged once, and Redis is used again as soon as it is back.
 */
@Injectable()
export class ResilientThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('Throttling');
  private readonly memory = new Map<string, Window>();
  private readonly sweep: NodeJS.Timeout;
  private readonly redis: RedisWithHit | null;
  private inOutage = false;

  constructor(redis: RedisClient | null) {
    this.redis = redis as RedisWithHit | null;
    this.redis?.defineCommand('throttleHit', { numberOfKeys: 1, lua: REDIS_HIT });
    this.redis?.on('error', (error: Error) => this.outage(error));
    this.redis?.on('ready', () => {
      if (!this.inOutage) return;
      this.inOutage = false;
      this.logger.log('Redis is reachable again: rate limits are shared across instances again');
    });
    // Ended windows are dropped once a minute, so memory follows the users of the last hour.
    this.sweep = setInterval(() => this.dropEndedWindows(), 60_000).unref();
  }

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    const id = `throttle:${throttlerName}:${key}`;
    if (this.redis?.status === 'ready') {
      try {
        const [hits, endsAt] = await this.redis.throttleHit(id, now, ttl);
        return record({ hits, endsAt }, limit, now);
      } catch (error) {
        this.outage(error as Error);
      }
    } else if (this.redis) {
      this.outage(new Error(`connection ${this.redis.status}`));
    }
    return record(this.hitInMemory(id, ttl, now), limit, now);
  }

  private hitInMemory(id: string, ttl: number, now: number): Window {
    let window = this.memory.get(id);
    if (!window || window.endsAt <= now) {
      window = { hits: 0, endsAt: now + ttl };
      this.memory.set(id, window);
    }
    window.hits += 1;
    return window;
  }

  private dropEndedWindows(): void {
    const now = Date.now();
    for (const [id, window] of this.memory) if (window.endsAt <= now) this.memory.delete(id);
  }

  private outage(error: Error): void {
    if (this.inOutage) return;
    this.inOutage = true;
    this.logger.error(`Redis unavailable (${error.message}): rate limits are per instance until it is back`);
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweep);
    this.memory.clear();
  }
}

function record({ hits, endsAt }: Window, limit: number, now: number): ThrottlerStorageRecord {
  const secondsLeft = Math.max(1, Math.ceil((endsAt - now) / 1000));
  const isBlocked = hits > limit;
  return { totalHits: hits, timeToExpire: secondsLeft, isBlocked, timeToBlockExpire: isBlocked ? secondsLeft : 0 };
}
