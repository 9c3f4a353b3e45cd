import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ConfigService } from '@nestjs/config';
import { ConfigError, type AppConfig } from '../config/app-config';

export const REDIS = Symbol('REDIS');

/**
 * The Redis client of the rate limit when REDIS_URL is set (null otherwise):
 * the Stripe Connect module counts its per-user limit in it (its own guard and
 * storage), and readiness reports it. Commands fail fast while Redis is
 * unreachable (no offline queue, short timeout) so a Redis outage never stalls
 * a request.
 */
@Global()
@Module({})
export class ThrottlingModule implements OnApplicationShutdown {
  static forRoot(): DynamicModule {
    const redisProvider = {
      provide: REDIS,
      inject: [ConfigService],
      useFactory: async (config: ConfigService<AppConfig, true>): Promise<Redis | null> => {
        const { url, required, timeoutMs } = config.get('redis', { infer: true });
        if (!url) return null;
        // Loaded only when configured: an instance without Redis loads its modules 60–80 ms sooner (bench/JOURNAL.md).
        const { Redis: RedisClient } = await import('ioredis');
        const redis = new RedisClient(url, {
          enableOfflineQueue: false,
          maxRetriesPerRequest: 0,
          connectTimeout: timeoutMs,
          commandTimeout: timeoutMs,
          retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
        });
        if (required) await requireRedis(redis, timeoutMs);
        return redis;
      },
    };
    return { module: ThrottlingModule, providers: [redisProvider], exports: [REDIS] };
  }

  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.redis || this.redis.status === 'end') return;
    // QUIT when connected; while Redis is away, stop reconnecting at once.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }
}

/** REDIS_REQUIRED=true: start-up fails fast, with a clear message, when Redis cannot be reached. */
async function requireRedis(redis: Redis, timeoutMs: number): Promise<void> {
  const reachable = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (!reachable) {
    redis.disconnect();
    throw new ConfigError(`Invalid configuration:\n  REDIS_URL: Redis unreachable within ${timeoutMs} ms, and REDIS_REQUIRED=true`);
  }
}
