import { describeWithRedis, startRedis, type RedisServer } from '../../../test/redis';
import { createCreator, signToken, startTestApp, type TestApp } from '../../../test/test-app';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';
const MINUTE = 60_000;
const START = Date.UTC(2026, 10, 23, 9, 0, 0);

/**
 * The contract's window, walked with a controllable clock (only `Date` is faked:
 * sockets and timers run for real): one hour from the user's first request on
 * the route, `Retry-After` = the seconds left in it, the first request after it
 * passes. Run once per storage, which must behave identically.
 */
function windowSuite(storage: string, env: () => Record<string, string>) {
  describe(`Rate-limit window (${storage})`, () => {
    let t: TestApp;
    const at = (minutes: number, seconds = 0) => jest.setSystemTime(START + minutes * MINUTE + seconds * 1000);
    // A token minted at the current (fake) time, so its expiry follows the clock.
    const call = (userId: string) => t.as(signToken(userId)).post(ROUTE);

    beforeAll(async () => {
      t = await startTestApp(env());
    });
    beforeEach(() => {
      jest.useFakeTimers({
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
      });
    });
    afterEach(() => jest.useRealTimers());
    afterAll(() => t.close());

    it('opens at the first request, blocks the 11th until the hour ends, and lets the first request after it through', async () => {
      const { userId } = await createCreator(t.prisma);
      at(0);
      expect((await call(userId)).headers['x-ratelimit-remaining']).toBe('9');
      at(30);
      for (let i = 2; i <= 10; i += 1) expect((await call(userId)).status).toBe(200);

      at(59);
      const blocked = await call(userId);
      expect(blocked.status).toBe(429);
      expect(blocked.headers['retry-after']).toBe('60');
      expect(blocked.headers['x-ratelimit-reset']).toBe('60');
      expect(blocked.body.error.i18nVars).toEqual({ retryAfterSeconds: 60 });

      at(59, 59);
      expect((await call(userId)).headers['retry-after']).toBe('1');

      at(60);
      const after = await call(userId);
      expect(after.status).toBe(200);
      expect(after.headers['x-ratelimit-remaining']).toBe('9');
      expect(after.headers['x-ratelimit-reset']).toBe('3600');
    });

    it('a new window is a full one: its own first request opens it, not the old window’s end', async () => {
      const { userId } = await createCreator(t.prisma);
      at(0);
      for (let i = 1; i <= 10; i += 1) expect((await call(userId)).status).toBe(200);
      at(135);
      for (let i = 1; i <= 10; i += 1) expect((await call(userId)).status).toBe(200);
      at(194);
      expect((await call(userId)).headers['retry-after']).toBe('60');
    });
  });
}

windowSuite('memory', () => ({}));

describeWithRedis('with Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis.stop());
  // REDIS_REQUIRED: start-up waits for Redis; a request before it is ready would be counted in memory.
  windowSuite('Redis', () => ({ REDIS_URL: redis.url, REDIS_REQUIRED: 'true', REDIS_TIMEOUT_MS: '2000' }));
});
