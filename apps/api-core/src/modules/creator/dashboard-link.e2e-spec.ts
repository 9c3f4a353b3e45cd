import { StripeAccountStatus } from '@creator-payouts/prisma';
import { startStripeMock, type Fault, type StripeMock } from '@creator-payouts/stripe-mock';
import { createCreator, expectErrorEnvelope, startTestApp, type TestApp } from '../../../test/test-app';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';

describe('POST /api/v1/creators/stripe-connect/dashboard-link', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('200: returns a fresh single-use login URL in the envelope, never cached, logged or stored', async () => {
    const creator = await createCreator(t.prisma);
    const before = await t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.userId } });

    const res = await t.as(creator).post(ROUTE);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, data: { url: expect.stringMatching(/^https:\/\/[^/\s]+\/express\//) } });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-ratelimit-limit']).toBe('10');
    expect(res.headers['x-ratelimit-remaining']).toBe('9');
    expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThan(0);

    const after = await t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.userId } });
    expect(after).toEqual(before);
    expect(t.rawLogs()).not.toContain(res.body.data.url);
    expect(t.rawLogs()).not.toContain(creator.token);
  });

  it('writes one structured log line per request with correlation id, route, status and latency (no query string)', async () => {
    const creator = await createCreator(t.prisma);
    const res = await t.as(creator).post(`${ROUTE}?utm_source=mail`).set('X-Request-Id', 'client-trace-0001');

    expect(res.headers['x-request-id']).toBe('client-trace-0001');
    await t.requestLog('client-trace-0001');
    const lines = t.logs.filter((line) => line.correlationId === 'client-trace-0001' && 'responseTime' in line);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      route: '/api/v1/creators/stripe-connect/dashboard-link',
      req: { method: 'POST', path: ROUTE },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
  });

  it('replaces a malformed X-Request-Id with a generated one', async () => {
    const res = await t.http.post(ROUTE).set('X-Request-Id', 'bad id with spaces');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.error.correlationId).toBe(res.headers['x-request-id']);
  });

  it('404 creator.stripe.not_creator: the user has no creator profile', async () => {
    const fan = await createCreator(t.prisma, null);
    const res = await t.as(fan).post(ROUTE);
    expectErrorEnvelope(res, 404, 'creator.stripe.not_creator');
    expect(res.body.error.code).toBe('CREATOR_PROFILE_NOT_FOUND');
    expect(res.headers['x-ratelimit-remaining']).toBe('9');
  });

  it('400 creator.stripe.account_not_found: no Stripe account yet', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountId: null });
    const res = await t.as(creator).post(ROUTE);
    expectErrorEnvelope(res, 400, 'creator.stripe.account_not_found');
  });

  it.each([StripeAccountStatus.NOT_STARTED, StripeAccountStatus.PENDING, StripeAccountStatus.RESTRICTED, StripeAccountStatus.DISABLED])(
    '400 creator.stripe.not_active: account status %s',
    async (status) => {
      const creator = await createCreator(t.prisma, { stripeAccountStatus: status });
      const res = await t.as(creator).post(ROUTE);
      expectErrorEnvelope(res, 400, 'creator.stripe.not_active');
      expect(res.body.error.message).toBe('Your payout account has not finished onboarding yet.');
    },
  );

  it('answers in Turkish when Accept-Language asks for it', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    const res = await t.as(creator).post(ROUTE).set('Accept-Language', 'tr-TR,tr;q=0.9,en;q=0.5');
    expectErrorEnvelope(res, 400, 'creator.stripe.not_active');
    expect(res.body.error.message).toBe('Ödeme hesabınızın kurulumu henüz tamamlanmadı.');
  });
});

describe('POST dashboard-link without a Stripe key (production configuration)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ NODE_ENV: 'production', STRIPE_SECRET_KEY: undefined });
  });
  afterAll(() => t.close());

  it('400 creator.stripe.service_unavailable for an active creator', async () => {
    const creator = await createCreator(t.prisma);
    const res = await t.as(creator).post(ROUTE);
    expectErrorEnvelope(res, 400, 'creator.stripe.service_unavailable');
  });

  it('checks the profile before the configuration (contract order)', async () => {
    const fan = await createCreator(t.prisma, null);
    expectErrorEnvelope(await t.as(fan).post(ROUTE), 404, 'creator.stripe.not_creator');
    const noAccount = await createCreator(t.prisma, { stripeAccountId: null });
    expectErrorEnvelope(await t.as(noAccount).post(ROUTE), 400, 'creator.stripe.account_not_found');
    const pending = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    expectErrorEnvelope(await t.as(pending).post(ROUTE), 400, 'creator.stripe.not_active');
  });
});

describe('POST dashboard-link when Stripe fails (stand-in fault mode)', () => {
  let t: TestApp;
  let faulty: StripeMock;

  beforeAll(async () => {
    faulty = await startStripeMock();
    t = await startTestApp({ STRIPE_API_BASE: faulty.url, STRIPE_TIMEOUT_MS: '2000' });
  });
  afterEach(() => faulty.setFault(null));
  afterAll(async () => {
    await t.close();
    await faulty.close();
  });

  const cases: [string, Fault, number, string][] = [
    ['not an Express account', 'not_express', 400, 'creator.stripe.not_active'],
    ['onboarding not complete', 'onboarding_incomplete', 400, 'creator.stripe.not_active'],
    ['no such account', 'no_such_account', 400, 'creator.stripe.account_not_found'],
    ['platform key rejected', 'invalid_api_key', 502, 'creator.stripe.upstream_error'],
    ['rate limited by Stripe', 'rate_limited', 502, 'creator.stripe.upstream_error'],
    ['Stripe 5xx', 'server_error', 502, 'creator.stripe.upstream_error'],
    ['connection reset mid-response', 'connection_reset', 502, 'creator.stripe.upstream_error'],
    ['no answer within STRIPE_TIMEOUT_MS', 'no_answer', 502, 'creator.stripe.upstream_error'],
  ];

  it.each(cases)('%s → %s %s, without Stripe text, with Stripe request id logged', async (_name, fault, status, key) => {
    faulty.setFault(fault);
    const creator = await createCreator(t.prisma);
    const started = Date.now();
    const res = await t.as(creator).post(ROUTE);

    expectErrorEnvelope(res, status, key);
    // Bounded by the 2 s timeout at the latest, with room for a busy machine.
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(JSON.stringify(res.body)).not.toMatch(/stripe\.com|Express account|onboarding\.|No such|API Key|Too many requests hit|unknown error/i);
    expect(await t.requestLog(res.headers['x-request-id'])).toMatchObject({ res: { statusCode: status }, stripeErrorType: expect.any(String) });
  });

  it('logs Stripe request id and error type on the request line', async () => {
    faulty.setFault('server_error');
    const creator = await createCreator(t.prisma);
    const res = await t.as(creator).post(ROUTE);
    expect(await t.requestLog(res.headers['x-request-id'])).toMatchObject({ stripeRequestId: 'req_123', stripeErrorType: 'StripeAPIError', stripeStatus: 500 });
  });

  it('calls Stripe only for an active creator', async () => {
    const before = faulty.requests.length;
    for (const profile of [null, { stripeAccountId: null }, { stripeAccountStatus: StripeAccountStatus.PENDING }]) {
      const creator = await createCreator(t.prisma, profile);
      expect((await t.as(creator).post(ROUTE)).status).not.toBe(200);
    }
    expect(faulty.requests.length).toBe(before);
    const active = await createCreator(t.prisma);
    expect((await t.as(active).post(ROUTE)).status).toBe(200);
    expect(faulty.requests.length).toBe(before + 1);
  });

  it('502 when stripe-mock rejects the platform key format', async () => {
    const badKey = await startTestApp({ STRIPE_API_BASE: faulty.url, STRIPE_SECRET_KEY: 'not_a_valid_key_format' });
    try {
      const creator = await createCreator(badKey.prisma);
      expectErrorEnvelope(await badKey.as(creator).post(ROUTE), 502, 'creator.stripe.upstream_error');
    } finally {
      await badKey.close();
    }
  });
});
