import { Redis } from 'ioredis';
import { describeWithRedis, startRedis, type RedisServer } from '../../../test/redis';
import { startAppProcess } from '../../../test/app-process';
import { createCreator, startTestApp, TEST_JWT_SECRET, type TestApp } from '../../../test/test-app';
import { REDIS } from './throttling.module';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';
// For a Redis that is up: a timeout no busy machine reaches (at 2 s one command fell back to memory,
// at 300 ms a connection was not ready in time). A stopped Redis fails commands and connections at
// once (no offline queue, connection refused), so the outage tests never wait for it.
const REACHABLE_TIMEOUT_MS = '15000';

describeWithRedis('Rate limits in Redis (REDIS_URL)', () => {
  let redis: RedisServer;
  let t: TestApp;
  const call = (token: string) => t.as(token).post(ROUTE);
  const logsMatching = (text: string) => t.logs.filter((line) => String(line.msg).includes(text));

  beforeAll(async () => {
    redis = await startRedis();
    t = await startTestApp({ REDIS_URL: redis.url, REDIS_TIMEOUT_MS: REACHABLE_TIMEOUT_MS });
    // A request before the connection is ready would be counted in memory (REDIS_REQUIRED, which waits, would change readiness).
    const client = t.app.get<Redis>(REDIS);
    if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('keeps the per-user counters in Redis', async () => {
    const creator = await createCreator(t.prisma);
    for (let i = 0; i < 10; i += 1) expect((await call(creator.token)).status).toBe(200);
    const res = await call(creator.token);
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(3_500);
    const client = new Redis(redis.url);
    try {
      expect((await client.keys('throttle:*')).length).toBeGreaterThan(0);
    } finally {
      client.disconnect();
    }
  });

  it('readiness reports Redis', async () => {
    const res = await t.http.get('/api/health/ready');
    expect(res.body.data.info.redis).toEqual({ status: 'up', limits: 'shared' });
  });

  it('Redis down: requests are still served with per-instance limits, the outage is logged once, Redis is used again when back', async () => {
    const creator = await createCreator(t.prisma);
    expect((await call(creator.token)).headers['x-ratelimit-remaining']).toBe('9');

    await redis.stop();
    const during: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await call(creator.token);
      expect(res.status).toBe(200);
      during.push(res.headers['x-ratelimit-remaining']);
    }
    // Counted from zero in this instance's memory.
    expect(during).toEqual(['9', '8', '7', '6', '5']);
    expect(logsMatching('Redis unavailable')).toHaveLength(1);
    const ready = await t.http.get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.data.info.redis).toEqual({ status: 'up', limits: 'per-instance' });

    await redis.restart();
    for (let attempt = 0; attempt < 200 && logsMatching('reachable again').length === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(logsMatching('reachable again')).toHaveLength(1);
    // The restarted Redis is empty: counting starts over there, not in memory.
    expect((await call(creator.token)).headers['x-ratelimit-remaining']).toBe('9');
    expect(logsMatching('Redis unavailable')).toHaveLength(1);
  });
});

describeWithRedis('REDIS_REQUIRED=true', () => {
  it('start-up of the built app fails fast, exit 1, with a clear message when Redis is unreachable', async () => {
    const redis = await startRedis();
    await redis.stop();
    await expect(
      startAppProcess({
        NODE_ENV: 'production',
        JWT_SECRET: TEST_JWT_SECRET,
        PGLITE_DATA_DIR: 'memory://',
        REDIS_URL: redis.url,
        REDIS_REQUIRED: 'true',
        REDIS_TIMEOUT_MS: '300',
      }),
    ).rejects.toThrow(/app exited \(1\) before listening:[\s\S]*REDIS_URL: Redis unreachable within 300 ms, and REDIS_REQUIRED=true/);
  });

  it('readiness fails while a required Redis is down', async () => {
    const redis = await startRedis();
    const t = await startTestApp({ REDIS_URL: redis.url, REDIS_REQUIRED: 'true', REDIS_TIMEOUT_MS: REACHABLE_TIMEOUT_MS });
    try {
      expect((await t.http.get('/api/health/ready')).status).toBe(200);
      await redis.stop();
      const res = await t.http.get('/api/health/ready');
      expect(res.status).toBe(503);
      expect(res.body.error.i18nKey).toBe('common.service_unavailable');
    } finally {
      await t.close();
      await redis.stop();
    }
  });
});
