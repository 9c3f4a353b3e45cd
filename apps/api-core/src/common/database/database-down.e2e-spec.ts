import { startStripeMock, type StripeMock } from '@creator-payouts/stripe-mock';
import { connectEvent, signed } from '../../../test/stripe-events';
import { startTcpProxy, type TcpProxy } from '../../../test/tcp-proxy';
import { createCreator, expectErrorEnvelope, startTestApp, type TestApp } from '../../../test/test-app';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';

// A networked database can go away; the embedded one lives in the process. So
// this runs in the PostgreSQL pass of the suite (DATABASE_URL set), as in CI.
const postgresUrl = process.env.DATABASE_URL;
const onPostgres = postgresUrl ? describe : describe.skip;
// The requests that succeed run under these timeouts too, so they are far above any query on a busy
// machine; the bounds on the failing requests add the same slack for a slow event loop.
const CONNECT_TIMEOUT_MS = 3_000;
const QUERY_TIMEOUT_MS = 3_000;
const SLACK_MS = 3_000;

onPostgres('PostgreSQL down mid-run', () => {
  let proxy: TcpProxy;
  let stripe: StripeMock;
  let t: TestApp;

  beforeAll(async () => {
    const target = new URL(postgresUrl!);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    stripe = await startStripeMock();
    const viaProxy = new URL(postgresUrl!);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    t = await startTestApp({
      DATABASE_URL: viaProxy.toString(),
      DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
      DATABASE_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
      STRIPE_API_BASE: stripe.url,
    });
  });
  afterAll(async () => {
    await proxy.up().catch(() => undefined);
    await t.close();
    await proxy.close();
    await stripe.close();
  });

  it('answers 503 common.service_unavailable quickly while the database is down, and recovers by itself', async () => {
    const creator = await createCreator(t.prisma);
    expect((await t.as(creator).post(ROUTE)).status).toBe(200);

    await proxy.down();
    for (let i = 0; i < 3; i += 1) {
      const started = Date.now();
      const res = await t.as(creator).post(ROUTE);
      expectErrorEnvelope(res, 503, 'common.service_unavailable');
      expect(Date.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS + SLACK_MS);
    }
    expectErrorEnvelope(await t.http.get('/api/health/ready'), 503, 'common.service_unavailable');

    await proxy.up();
    const res = await t.as(creator).post(ROUTE);
    expect(res.status).toBe(200);
    expect((await t.http.get('/api/health/ready')).status).toBe(200);
    // Nothing lost: the profile is as it was.
    expect(await t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.userId } })).toMatchObject({ stripeAccountStatus: 'ACTIVE' });
  });

  it('answers 503 within the connect timeout while the database accepts connections but never answers, and recovers by itself', async () => {
    const creator = await createCreator(t.prisma);
    expect((await t.as(creator).post(ROUTE)).status).toBe(200);

    proxy.stall();
    for (let i = 0; i < 2; i += 1) {
      const started = Date.now();
      const res = await t.as(creator).post(ROUTE);
      expectErrorEnvelope(res, 503, 'common.service_unavailable');
      expect(Date.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS + SLACK_MS);
    }

    await proxy.up();
    expect((await t.as(creator).post(ROUTE)).status).toBe(200);
  });

  it('a partition under open connections (bytes held, sockets open): 503 within connect + query timeout, nothing done after it, recovery by itself', async () => {
    const creator = await createCreator(t.prisma);
    // Every pooled connection open and idle, so the requests below take held ones.
    await Promise.all(Array.from({ length: 5 }, () => t.as(creator).post(ROUTE)));
    const stripeCalls = stripe.requests.length;

    proxy.hold();
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 3 }, () => t.as(creator).post(ROUTE)));
    for (const res of answers) expectErrorEnvelope(res, 503, 'common.service_unavailable');
    expect(Date.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS + QUERY_TIMEOUT_MS + SLACK_MS);

    // The webhook too: Stripe retries a 503 (Prisma's P2028, a transaction that cannot start in time), one warning line, no stack.
    const event = connectEvent('account.updated', creator.stripeAccountId!, { account: { details_submitted: true } });
    const { body, signature } = signed(event);
    const hook = await t.http.post('/api/v1/webhooks/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(body);
    expectErrorEnvelope(hook, 503, 'common.service_unavailable');
    await t.requestLog(hook.headers['x-request-id']);
    const lines = t.logs.filter((line) => line.correlationId === hook.headers['x-request-id']);
    expect(lines).toEqual([expect.objectContaining({ level: 40, databaseUnavailable: true, res: { statusCode: 503 } })]);
    expect(lines[0]).not.toHaveProperty('err');

    // When the bytes flow again, the requests that got their 503 do nothing more: no login link minted for them.
    await proxy.up();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stripe.requests.length).toBe(stripeCalls);
    expect((await t.as(creator).post(ROUTE)).status).toBe(200);
    expect(
      (await t.http.post('/api/v1/webhooks/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', signed(event).signature).send(body)).status,
    ).toBe(200);
    expect((await t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.userId } })).stripeAccountStatus).toBe('RESTRICTED');
  });
});
