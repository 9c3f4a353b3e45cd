import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import { ConfigService } from '@nestjs/config';
import { ConfigError, type AppConfig } from '../config/app-config';
import { ResilientThrottlerStorage } from './throttler-storage';

export const REDIS = Symbol('REDIS');

/** Contract: 10 requests per hour per authenticated user, per route. */
export const CREATOR_ROUTE_LIMIT = { limit: 10, ttlMs: 60 * 60 * 1000 };

/**
 * The throttler with its storage, and the Redis client when REDIS_URL is set
 * (null otherwise). Commands fail fast while Redis is unreachable (no offline
 * queue, short timeout) so a Redis outage never stalls a request.
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
        const redis = new Redis(url, {
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
    const storageProvider = { provide: ResilientThrottlerStorage, inject: [REDIS], useFactory: (redis: Redis | null) => new ResilientThrottlerStorage(redis) };
    return {
      module: ThrottlingModule,
      providers: [redisProvider, storageProvider],
      exports: [REDIS, ResilientThrottlerStorage],
    };
  }

  static throttler(): DynamicModule {
    return ThrottlerModule.forRootAsync({
      inject: [ResilientThrottlerStorage],
      useFactory: (storage: ResilientThrottlerStorage) => ({
        throttlers: [{ name: 'default', limit: CREATOR_ROUTE_LIMIT.limit, ttl: CREATOR_ROUTE_LIMIT.ttlMs }],
        storage,
      }),
    });
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
