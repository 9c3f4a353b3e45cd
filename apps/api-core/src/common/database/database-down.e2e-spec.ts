import { startTcpProxy, type TcpProxy } from '../../../test/tcp-proxy';
import { createCreator, expectErrorEnvelope, startTestApp, type TestApp } from '../../../test/test-app';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';

// A networked database can go away; the embedded one lives in the process. So
// this runs in the PostgreSQL pass of the suite (DATABASE_URL set), as in CI.
const postgresUrl = process.env.DATABASE_URL;
const onPostgres = postgresUrl ? describe : describe.skip;

onPostgres('PostgreSQL down mid-run', () => {
  let proxy: TcpProxy;
  let t: TestApp;

  beforeAll(async () => {
    const target = new URL(postgresUrl!);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(postgresUrl!);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    t = await startTestApp({ DATABASE_URL: viaProxy.toString(), DATABASE_CONNECT_TIMEOUT_MS: '1000' });
  });
  afterAll(async () => {
    await proxy.up().catch(() => undefined);
    await t.close();
    await proxy.close();
  });

  it('answers 503 common.service_unavailable quickly while the database is down, and recovers by itself', async () => {
    const creator = await createCreator(t.prisma);
    expect((await t.http.post(ROUTE).set('Authorization', `Bearer ${creator.token}`)).status).toBe(200);

    await proxy.down();
    for (let i = 0; i < 3; i += 1) {
      const started = Date.now();
      const res = await t.http.post(ROUTE).set('Authorization', `Bearer ${creator.token}`);
      expectErrorEnvelope(res, 503, 'common.service_unavailable');
      expect(Date.now() - started).toBeLessThan(2_500);
    }
    expectErrorEnvelope(await t.http.get('/api/health/ready'), 503, 'common.service_unavailable');

    await proxy.up();
    const res = await t.http.post(ROUTE).set('Authorization', `Bearer ${creator.token}`);
    expect(res.status).toBe(200);
    expect((await t.http.get('/api/health/ready')).status).toBe(200);
    // Nothing lost: the profile is as it was.
    expect(await t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.userId } })).toMatchObject({ stripeAccountStatus: 'ACTIVE' });
  });

  it('answers 503 within the connect timeout while the database accepts connections but never answers, and recovers by itself', async () => {
    const creator = await createCreator(t.prisma);
    expect((await t.http.post(ROUTE).set('Authorization', `Bearer ${creator.token}`)).status).toBe(200);

    proxy.stall();
    for (let i = 0; i < 2; i += 1) {
      const started = Date.now();
      const res = await t.http.post(ROUTE).set('Authorization', `Bearer ${creator.token}`);
      expectErrorEnvelope(res, 503, 'common.service_unavailable');
      expect(Date.now() - started).toBeLessThan(2_500);
    }

    await proxy.up();
    expect((await t.http.post(ROUTE).set('Authorization', `Bearer ${creator.token}`)).status).toBe(200);
  });
});
