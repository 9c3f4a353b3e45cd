import { startStripeMock, type StripeMock } from '@creator-payouts/stripe-mock';
import { seededPgliteDir, startAppProcess } from '../test/app-process';
import { signToken, TEST_JWT_SECRET } from '../test/test-app';

const DASHBOARD_LINK = '/api/v1/creators/stripe-connect/dashboard-link';

/** main.ts, the production entry, as a process: graceful shutdown, on an embedded database seeded with the demo creators it uses. */
describe('Graceful shutdown of the built app', () => {
  let stripe: StripeMock;

  beforeAll(async () => {
    stripe = await startStripeMock();
  });
  afterAll(() => stripe.close());

  const start = async (env: Record<string, string> = {}) =>
    startAppProcess({
      NODE_ENV: 'production',
      PGLITE_DATA_DIR: await seededPgliteDir('shutdown-'),
      JWT_SECRET: TEST_JWT_SECRET,
      STRIPE_SECRET_KEY: 'sk_test_123',
      STRIPE_API_BASE: stripe.url,
      STRIPE_WEBHOOK_SECRET: 'whsec_test',
      STRIPE_CONNECT_REFRESH_URL: 'https://creators.example.com/payouts/refresh',
      STRIPE_CONNECT_RETURN_URL: 'https://creators.example.com/payouts?from=stripe',
      // Production's default drain is 5 s; the test that needs one sets it.
      SHUTDOWN_DRAIN_MS: '0',
      ...env,
    });

  it('SIGTERM: a request in flight still gets its 200, then the process exits 0', async () => {
    const app = await start();
    const stripeCall = stripe.hold('createLoginLink');
    try {
      const inFlight = fetch(`${app.url}${DASHBOARD_LINK}`, { method: 'POST', headers: { Authorization: `Bearer ${signToken('user_demo_active')}` } });
      await stripeCall.arrived;
      app.child.kill('SIGTERM');
      // Stripe answers only once the app is shutting down.
      await until(() => app.output().includes('SIGTERM received'));
      stripeCall.release();

      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(((await res.json()) as { data: { url: string } }).data.url).toMatch(/^https:\/\//);
      expect(await app.exited).toBe(0);
      expect(app.output()).toContain('SIGTERM received');
      await expect(fetch(`${app.url}/api/health/live`)).rejects.toThrow();
    } finally {
      stripeCall.release();
      app.child.kill('SIGKILL');
    }
  });

  it('SIGTERM with SHUTDOWN_DRAIN_MS: readiness answers 503 at once, a request sent during the drain is still served, then the process exits 0', async () => {
    const app = await start({ SHUTDOWN_DRAIN_MS: '2000' });
    try {
      expect((await fetch(`${app.url}/api/health/ready`)).status).toBe(200);
      const signalledAt = Date.now();
      app.child.kill('SIGTERM');
      await until(() => app.output().includes('SIGTERM received'));
      const ready = await fetch(`${app.url}/api/health/ready`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { error: { i18nKey: string } }).error.i18nKey).toBe('common.service_unavailable');

      const late = await fetch(`${app.url}${DASHBOARD_LINK}`, { method: 'POST', headers: { Authorization: `Bearer ${signToken('user_demo_active')}` } });
      expect(late.status).toBe(200);

      expect(await app.exited).toBe(0);
      expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(2_000);
      await expect(fetch(`${app.url}/api/health/live`)).rejects.toThrow();
    } finally {
      app.child.kill('SIGKILL');
    }
  });

  it('SIGINT with a request slower than SHUTDOWN_TIMEOUT_MS: its connection is cut at the deadline and the process exits 0', async () => {
    const app = await start({ SHUTDOWN_TIMEOUT_MS: '500', STRIPE_TIMEOUT_MS: '20000' });
    // Never released while the app runs: the request waits on Stripe until shutdown cuts it.
    const stripeCall = stripe.hold('createLoginLink');
    try {
      const inFlight = fetch(`${app.url}${DASHBOARD_LINK}`, { method: 'POST', headers: { Authorization: `Bearer ${signToken('user_demo_active')}` } });
      await stripeCall.arrived;
      const signalledAt = Date.now();
      app.child.kill('SIGINT');
      await expect(inFlight).rejects.toThrow();
      expect(await app.exited).toBe(0);
      // Cut by the shutdown deadline, not by the request's own end (Stripe's 20 s timeout).
      expect(Date.now() - signalledAt).toBeLessThan(10_000);
      expect(app.output()).toContain('Requests still running after 500 ms');
    } finally {
      stripeCall.release();
      app.child.kill('SIGKILL');
    }
  });
});

/**
 * Local mode (dev secrets, demo data, the stand-in) is the dev entry's (`npm start`): the production entry started with
 * a configuration that would be local mode stops, saying what to do, before it opens anything.
 */
describe('The production entry has no local mode', () => {
  it.each<Record<string, string>>([
    {},
    { NODE_ENV: 'development' },
    // Every key configured still leaves the embedded database in development: local mode, so not this entry's.
    { NODE_ENV: 'development', JWT_SECRET: TEST_JWT_SECRET, STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_WEBHOOK_SECRET: 'whsec_test' },
  ])('with %j: exit 1 before listening, pointing to npm start or the configuration, no stack trace', async (env) => {
    const failure = startAppProcess({ PGLITE_DATA_DIR: 'memory://', ...env });
    await expect(failure).rejects.toThrow(
      /app exited \(1\) before listening:\nLocal mode \(DATABASE_URL unset, NODE_ENV unset or development\) is not part of the production build: run `npm start` for it, or configure a deployment: NODE_ENV=production or DATABASE_URL, with JWT_SECRET or JWT_PUBLIC_KEY/,
    );
    const output = await failure.catch((error: Error) => error.message);
    expect(output).not.toMatch(/\n\s+at /);
    // Nothing was started: no database opened, no stand-in, no dev secret in use.
    expect(output).not.toMatch(/Database:|stand-in|dev secret/);
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}
