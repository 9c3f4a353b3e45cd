import { startStripeMock, type StripeMock } from './server';

type StripeErrorBody = { error: { message: string; type: string; code?: string } };
const errorOf = async (res: Response) => ((await res.json()) as StripeErrorBody).error;

describe('stripe-mock stand-in', () => {
  let mock: StripeMock;
  const post = (path: string, init: { key?: string | null; body?: string; type?: string; headers?: Record<string, string> } = {}) =>
    fetch(`${mock.url}${path}`, {
      method: 'POST',
      headers: {
        ...(init.key !== null && { Authorization: `Bearer ${init.key ?? 'sk_test_123'}` }),
        'Content-Type': init.type ?? 'application/x-www-form-urlencoded',
        ...init.headers,
      },
      body: init.body,
    });

  beforeAll(async () => {
    mock = await startStripeMock();
  });
  afterAll(() => mock.close());

  it('answers a login link with the fixture, Request-Id and the echoed Idempotency-Key', async () => {
    const res = await post('/v1/accounts/acct_123/login_links', { headers: { 'Idempotency-Key': 'idem-1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('request-id')).toBe('req_123');
    expect(res.headers.get('idempotency-key')).toBe('idem-1');
    expect(await res.json()).toEqual({ object: 'login_link', created: expect.any(Number), url: expect.stringMatching(/^https:\/\//) });
  });

  it.each([
    ['no key', null],
    ['a live key', 'sk_live_123'],
    ['two parts', 'sk_test'],
    ['four parts', 'sk_test_1_2'],
    ['a publishable key', 'pk_test_123'],
  ])('401 without Request-Id for %s', async (_name, key) => {
    const res = await post('/v1/accounts/acct_123/login_links', { key });
    expect(res.status).toBe(401);
    expect(res.headers.get('request-id')).toBeNull();
    expect(await res.json()).toEqual({ error: { message: expect.stringContaining('Please authenticate'), type: 'invalid_request_error' } });
  });

  it('accepts a restricted key and a Basic key', async () => {
    expect((await post('/v1/accounts/acct_123/login_links', { key: 'rk_test_abc' })).status).toBe(200);
    const res = await fetch(`${mock.url}/v1/accounts/acct_1/login_links`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('sk_test_123:').toString('base64')}` },
    });
    expect(res.status).toBe(200);
  });

  it('400 for a JSON body and for unknown parameters', async () => {
    expect((await post('/v1/accounts/acct_1/login_links', { type: 'application/json', body: '{"a":1}' })).status).toBe(400);
    const res = await post('/v1/accounts/acct_1/login_links', { body: 'redirect_url=x' });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain('additional properties are not allowed');
  });

  it('500 api_error when asked to expand on a login link', async () => {
    const res = await post('/v1/accounts/acct_1/login_links', { body: 'expand[]=account' });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { message: 'An internal error occurred.', type: 'api_error' } });
  });

  it('404 for unknown routes, wrong methods and ids with forbidden characters; collapses repeated slashes', async () => {
    expect((await post('/v1/nothing')).status).toBe(404);
    const wrongMethod = await fetch(`${mock.url}/v1/accounts/acct_1/login_links`, { headers: { Authorization: 'Bearer sk_test_1' } });
    expect(wrongMethod.status).toBe(404);
    expect((await errorOf(wrongMethod)).message).toBe('Unrecognized request URL (GET: /v1/accounts/acct_1/login_links).');
    expect((await post('/v1/accounts/acct%3Cx%3E/login_links')).status).toBe(404);
    expect((await post('//v1//accounts/acct_1//login_links')).status).toBe(200);
  });

  it('fault mode answers like real Stripe until cleared', async () => {
    mock.setFault('no_such_account');
    const res = await post('/v1/accounts/acct_gone/login_links');
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatchObject({ code: 'resource_missing', type: 'invalid_request_error' });
    mock.setFault(null);
    expect((await post('/v1/accounts/acct_gone/login_links')).status).toBe(200);
  });
});
