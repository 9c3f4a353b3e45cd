import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStripeMock, type StripeMock } from '@creator-payouts/stripe-mock';
import { startAppProcess } from '../test/app-process';
import { signToken, TEST_JWT_SECRET } from '../test/test-app';

const DASHBOARD_LINK = '/api/v1/creators/stripe-connect/dashboard-link';

/** main.ts as a process: graceful shutdown. Local mode seeds the demo creators it uses. */
describe('Graceful shutdown of the built app', () => {
  let stripe: StripeMock;

  beforeAll(async () => {
    stripe = await startStripeMock();
  });
  afterAll(() => stripe.close());

  const start = (env: Record<string, string> = {}) =>
    startAppProcess({
      NODE_ENV: 'development',
      PGLITE_DATA_DIR: mkdtempSync(join(tmpdir(), 'shutdown-')),
      JWT_SECRET: TEST_JWT_SECRET,
      STRIPE_SECRET_KEY: 'sk_test_123',
      STRIPE_API_BASE: stripe.url,
      STRIPE_WEBHOOK_SECRET: 'whsec_test',
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

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}
