import { openDatabase } from '@creator-payouts/prisma';
import { seedDemoCreators } from '../../../dev/src/demo-creators';
import { startStripeMock, type StripeMock } from '@creator-payouts/stripe-mock';
import { type AppProcess, seededPgliteDir, startAppProcess } from '../../../test/app-process';
import { describeWithRedis, startRedis, type RedisServer } from '../../../test/redis';
import { signToken, TEST_JWT_SECRET } from '../../../test/test-app';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';

/**
 * Two instances of the built app (separate processes and ports) behind no
 * balancer but the test, sharing one Redis, and one PostgreSQL when the run
 * has DATABASE_URL (each its own embedded database otherwise: the limit only
 * depends on Redis). The production entry seeds nothing: the test seeds the
 * demo creator both serve.
 */
describeWithRedis('Several instances share the per-user limit through Redis', () => {
  let redis: RedisServer;
  let stripe: StripeMock;
  let instances: AppProcess[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    stripe = await startStripeMock();
    if (process.env.DATABASE_URL) {
      const database = openDatabase({ url: process.env.DATABASE_URL });
      await seedDemoCreators(database.prisma);
      await database.close();
    }
    const env = async (name: string) => ({
      NODE_ENV: 'production',
      JWT_SECRET: TEST_JWT_SECRET,
      STRIPE_SECRET_KEY: 'sk_test_123',
      STRIPE_API_BASE: stripe.url,
      STRIPE_WEBHOOK_SECRET: 'whsec_test',
      STRIPE_CONNECT_REFRESH_URL: 'https://creators.example.com/payouts/refresh',
      STRIPE_CONNECT_RETURN_URL: 'https://creators.example.com/payouts?from=stripe',
      SHUTDOWN_DRAIN_MS: '0',
      REDIS_URL: redis.url,
      REDIS_REQUIRED: 'true',
      // Generous: one command over it on a busy machine falls back to memory and counts twice (seen at 2 s: 12 answered).
      REDIS_TIMEOUT_MS: '15000',
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : { PGLITE_DATA_DIR: await seededPgliteDir(`${name}-`) }),
    });
    instances = await Promise.all([startAppProcess(await env('instance-a')), startAppProcess(await env('instance-b'))]);
  });

  afterAll(async () => {
    for (const instance of instances) instance.child.kill('SIGTERM');
    await Promise.all(instances.map((instance) => instance.exited));
    await stripe.close();
    await redis.stop();
  });

  it('40 concurrent requests of one creator over both instances: exactly 10 succeed, 30 get 429 with Retry-After', async () => {
    const token = signToken('user_demo_active');
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => fetch(`${instances[i % 2].url}${ROUTE}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })),
    );
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(30);
    for (const res of answers.filter((answer) => answer.status === 429)) {
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await res.json()) as { error: { i18nKey: string } }).error.i18nKey).toBe('common.rate_limited');
    }
  });
});
