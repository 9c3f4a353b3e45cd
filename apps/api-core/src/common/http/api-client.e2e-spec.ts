import { createServer, type Server } from 'node:http';
import { ApiError, createPayoutsClient } from '@creator-payouts/api-client';
import { createCreator, startTestApp, type TestApp } from '../../../test/test-app';

/** The typed client (packages/api-client) against the real API: data unwrapped from the envelope, every failure an ApiError. */
describe('createPayoutsClient', () => {
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(() => t.close());

  const failure = async (call: () => Promise<unknown>): Promise<ApiError> => {
    const error = await call().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  };

  it('resolves with the data of the envelope', async () => {
    const creator = await createCreator(t.prisma);
    const client = createPayoutsClient({ baseUrl, getToken: () => creator.token });
    await expect(client.getDashboardLink()).resolves.toEqual({ url: expect.stringMatching(/^https:\/\//) });
    await expect(client.getStatus()).resolves.toMatchObject({ stripeAccountId: creator.stripeAccountId, chargesEnabled: expect.any(Boolean) });
  });

  it('throws the error envelope as an ApiError, in the language asked for', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: 'PENDING' });
    const error = await failure(() => createPayoutsClient({ baseUrl, getToken: () => creator.token, language: 'tr' }).getDashboardLink());
    expect(error).toMatchObject({ status: 400, code: 'STRIPE_ACCOUNT_NOT_ACTIVE', i18nKey: 'creator.stripe.not_active', correlationId: expect.any(String) });
    expect(error.message).toBe('Ödeme hesabınızın kurulumu henüz tamamlanmadı.');
  });

  it('401 without a token', async () => {
    const error = await failure(() => createPayoutsClient({ baseUrl, getToken: () => null }).getStatus());
    expect(error).toMatchObject({ status: 401, i18nKey: 'auth.unauthorized' });
  });

  it('429 carries the seconds until the window ends', async () => {
    const creator = await createCreator(t.prisma);
    const client = createPayoutsClient({ baseUrl, getToken: () => creator.token });
    for (let i = 0; i < 10; i += 1) await client.getStatus();
    const error = await failure(() => client.getStatus());
    expect(error).toMatchObject({ status: 429, i18nKey: 'common.rate_limited' });
    expect(error.retryAfterSeconds).toBeGreaterThan(3500);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(3600);
  });

  it('no answer at all: status 0, client.network_error', async () => {
    const error = await failure(() => createPayoutsClient({ baseUrl: 'http://127.0.0.1:1', getToken: () => 'token' }).getStatus());
    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR', i18nKey: 'client.network_error', correlationId: undefined });
  });

  it.each([
    ['a proxy’s error page', 502, 'text/html', '<h1>502 Bad Gateway</h1>'],
    ['a static host’s index.html for every path', 200, 'text/html', '<!doctype html><div id="root"></div>'],
    ['JSON that is not the envelope', 503, 'application/json', '{"message":"upstream down"}'],
  ])('an answer that is not the envelope (%s): client.unexpected_response with its status', async (_name, status, type, body) => {
    const proxy: Server = createServer((_req, res) => res.writeHead(status, { 'Content-Type': type }).end(body));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = proxy.address() as { port: number };
      const error = await failure(() => createPayoutsClient({ baseUrl: `http://127.0.0.1:${port}`, getToken: () => 'token' }).getDashboardLink());
      expect(error).toMatchObject({ status, i18nKey: 'client.unexpected_response' });
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});
