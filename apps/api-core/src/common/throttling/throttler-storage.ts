import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { type ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { Redis } from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Where rate-limit counters live. With Redis (REDIS_URL), counters are shared
 * by every instance and incremented atomically (@nest-lab/throttler-storage-redis),
 * so a user's 10 per hour hold across instances. While Redis is unreachable,
 * each instance counts in its own memory: requests keep being served, limited
 * per instance; the outage is logged once, and Redis is used again as soon as
 * it is back. Without Redis, memory only.
 *
 * Our own wrapper because no maintained storage falls back when Redis fails.
 */
@Injectable()
export class ResilientThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('Throttling');
  private readonly memory = new ThrottlerStorageService();
  private readonly shared: ThrottlerStorageRedisService | null;
  private inOutage = false;

  constructor(private readonly redis: Redis | null) {
    this.shared = redis ? new ThrottlerStorageRedisService(redis) : null;
    redis?.on('error', (error: Error) => this.outage(error));
    redis?.on('ready', () => {
      if (!this.inOutage) return;
      this.inOutage = false;
      this.logger.log('Redis is reachable again: rate limits are shared across instances again');
    });
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    if (this.shared && this.redis?.status === 'ready') {
      try {
        return await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
      } catch (error) {
        this.outage(error as Error);
      }
    } else if (this.shared) {
      this.outage(new Error(`connection ${this.redis?.status}`));
    }
    return this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  private outage(error: Error): void {
    if (this.inOutage) return;
    this.inOutage = true;
    this.logger.error(`Redis unavailable (${error.message}): rate limits are per instance until it is back`);
  }

  onApplicationShutdown(): void {
    this.memory.onApplicationShutdown();
  }
}
