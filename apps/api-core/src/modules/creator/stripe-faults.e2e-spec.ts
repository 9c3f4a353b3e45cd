import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startStripeMock, type Fault, type StripeMock } from '@creator-payouts/stripe-mock';
import { createCreator, expectErrorEnvelope, startTestApp, type CreatorFixture, type TestApp } from '../../../test/test-app';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';

/** The heap as a full collection leaves it: without one, heapUsed says more about when V8 last collected than about leaks. */
function heapAfterCollection(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}
const ROUNDS = 30;
/**
 * Generous beside a local answer (milliseconds), so that a busy machine never turns a success into a timeout; the
 * timeout case is a Stripe that never answers, so it cannot race this either.
 */
const STRIPE_TIMEOUT_MS = 2_000;

/**
 * Stripe failing in every way, over and over: each failure maps as the
 * contract says within a bounded time, and the process stays healthy (no
 * unhandled rejection, heap back near where it started).
 */
describe('Stripe faults, repeated', () => {
  let stripe: StripeMock;
  let t: TestApp;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    stripe = await startStripeMock();
    t = await startTestApp({ STRIPE_API_BASE: stripe.url, STRIPE_TIMEOUT_MS: String(STRIPE_TIMEOUT_MS) });
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await t.close();
    await stripe.close();
  });

  it('connection refused → 502 creator.stripe.upstream_error, quickly', async () => {
    const refused = await startTestApp({ STRIPE_API_BASE: 'http://127.0.0.1:1', STRIPE_MAX_NETWORK_RETRIES: '2' });
    try {
      const creator = await createCreator(refused.prisma);
      const started = Date.now();
      const res = await refused.as(creator).post(ROUTE);
      expectErrorEnvelope(res, 502, 'creator.stripe.upstream_error');
      expect(Date.now() - started).toBeLessThan(5_000);
      // A dependency's failure: one warning line for the request, Stripe's error type on it, no made-up stack.
      await refused.requestLog(res.headers['x-request-id']);
      const lines = refused.logs.filter((entry) => entry.correlationId === res.headers['x-request-id']);
      expect(lines).toEqual([expect.objectContaining({ level: 40, msg: 'request completed', stripeErrorType: 'StripeConnectionError' })]);
      expect(lines[0]).not.toHaveProperty('err');
    } finally {
      await refused.close();
    }
  });

  it(`${ROUNDS} rounds of reset, timeout, 429, 5xx and success: every answer as the contract says, bounded, no leak`, async () => {
    const faults: [Fault | null, number][] = [
      ['connection_reset', 502],
      ['no_answer', 502],
      ['rate_limited', 502],
      ['server_error', 502],
      [null, 200],
    ];
    const creators: CreatorFixture[] = [];
    for (let i = 0; i < Math.ceil((ROUNDS * faults.length) / 10); i += 1) creators.push(await createCreator(t.prisma));
    const heapBefore = heapAfterCollection();

    let call = 0;
    let slowest = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [fault, status] of faults) {
        stripe.setFault(fault);
        const creator = creators[Math.floor(call / 10)];
        call += 1;
        const started = Date.now();
        const res = await t.as(creator).post(ROUTE);
        slowest = Math.max(slowest, Date.now() - started);
        expect(res.status).toBe(status);
        if (status !== 200) expect(res.body.error.i18nKey).toBe('creator.stripe.upstream_error');
      }
    }
    stripe.setFault(null);

    // Every call ends by the timeout at the latest (no_answer never answers), with room for a busy machine.
    expect(slowest).toBeLessThan(STRIPE_TIMEOUT_MS + 4_000);
    expect(unhandled).toEqual([]);
    expect((await t.http.get('/api/health/ready')).status).toBe(200);
    // Coarse: the failures must not leave their requests, sockets or errors behind.
    expect(heapAfterCollection() - heapBefore).toBeLessThan(32 * 1024 * 1024);
  }, 300_000);
});
