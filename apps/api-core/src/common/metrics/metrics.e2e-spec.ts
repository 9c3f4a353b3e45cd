import { startStripeMock, type StripeMock } from '@creator-payouts/stripe-mock';
import { createCreator, expectErrorEnvelope, startTestApp, type TestApp } from '../../../test/test-app';
import { stripeOperation } from './metrics.service';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';

describe('GET /api/metrics', () => {
  let stripe: StripeMock;
  let t: TestApp;

  beforeAll(async () => {
    stripe = await startStripeMock();
    t = await startTestApp({ STRIPE_API_BASE: stripe.url, STRIPE_TIMEOUT_MS: '2000' });
  });
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  const value = (text: string, series: string) => {
    const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  };

  it('counts requests by route and status, Stripe calls by operation and outcome, Stripe errors and 429s', async () => {
    const creator = await createCreator(t.prisma);
    const link = await t.as(creator).post(ROUTE);
    stripe.setFault('no_answer');
    await t.as(creator).post(ROUTE);
    stripe.setFault(null);
    for (let i = 0; i < 9; i += 1) await t.as(creator).post(ROUTE);
    await t.http.get('/api/v1/nowhere');

    const res = await t.http.get('/api/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.text;
    const route = 'route="/api/v1/creators/stripe-connect/dashboard-link"';
    expect(value(text, `http_requests_total{method="POST",${route},status="200"}`)).toBe(9);
    expect(value(text, `http_requests_total{method="POST",${route},status="502"}`)).toBe(1);
    expect(value(text, `http_requests_total{method="POST",${route},status="429"}`)).toBe(1);
    expect(value(text, 'http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(value(text, `http_request_duration_seconds_count{method="POST",${route},status="200"}`)).toBe(9);
    expect(value(text, 'stripe_request_duration_seconds_count{operation="POST /v1/accounts/:id/login_links",outcome="2xx"}')).toBe(9);
    expect(value(text, 'stripe_errors_total{type="StripeConnectionError"}')).toBe(1);
    expect(value(text, `rate_limit_rejections_total{${route}}`)).toBe(1);
    expect(text).toContain('process_resident_memory_bytes');

    // Labels never carry users, accounts or URLs.
    expect(text).not.toContain(creator.userId);
    expect(text).not.toContain(creator.stripeAccountId!);
    expect(text).not.toContain(link.body.data.url);
  });

  it('counts health probes without writing a request line for them', async () => {
    const before = value((await t.http.get('/api/metrics')).text, 'http_requests_total{method="GET",route="/api/health/live",status="200"}');
    const probe = await t.http.get('/api/health/live').set('X-Request-Id', 'probe-not-logged-1');
    expect(probe.status).toBe(200);
    // A request after it, whose line is written once both have finished: the probe's would be there by then.
    await t.requestLog((await t.http.get('/api/v1/nowhere').set('X-Request-Id', 'after-probe-1')).headers['x-request-id']);

    const after = value((await t.http.get('/api/metrics')).text, 'http_requests_total{method="GET",route="/api/health/live",status="200"}');
    expect(after).toBe(before + 1);
    expect(t.logs.filter((line) => line.correlationId === 'probe-not-logged-1')).toEqual([]);
  });

  it('names Stripe operations without ids', () => {
    expect(stripeOperation('post', '/v1/accounts/acct_1DemoActive0001/login_links')).toBe('POST /v1/accounts/:id/login_links');
    expect(stripeOperation('post', '/v1/account_links')).toBe('POST /v1/account_links');
    expect(stripeOperation('get', '/v1/accounts/acct_1Nv0FGQ9RKHgCVdK?expand[]=x')).toBe('GET /v1/accounts/:id');
  });
});

describe('GET /api/metrics with METRICS_TOKEN', () => {
  const TOKEN = 'metrics-token-of-the-scraper-0123';
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => t.close());

  it.each([
    ['no Authorization header', undefined],
    ['another token', 'Bearer metrics-token-of-someone-else'],
    ['the token with a word after it', `Bearer ${TOKEN} extra`],
    ['the token under another scheme', `Basic ${TOKEN}`],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`],
  ])('401 auth.unauthorized: %s', async (_name, header) => {
    const req = t.http.get('/api/metrics');
    const res = await (header === undefined ? req : req.set('Authorization', header));
    expectErrorEnvelope(res, 401, 'auth.unauthorized');
    expect(res.text).not.toContain('process_resident_memory_bytes');
  });

  it('200 with Authorization: Bearer <METRICS_TOKEN>', async () => {
    const res = await t.http.get('/api/metrics').set('Authorization', `bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('process_resident_memory_bytes');
  });

  it('health stays open', async () => {
    expect((await t.http.get('/api/health/live')).status).toBe(200);
  });
});
