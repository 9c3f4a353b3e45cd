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

  it('creates an account: the fixture, with the fixture id every time, as stripe-mock does', async () => {
    const first = await post('/v1/accounts', { body: 'type=express&capabilities[transfers][requested]=true&metadata[platformUserId]=u1' });
    const second = await post('/v1/accounts', { body: 'type=express' });
    expect(first.status).toBe(200);
    const [a, b] = [(await first.json()) as { id: string; object: string }, (await second.json()) as { id: string }];
    expect(a).toMatchObject({ object: 'account', type: 'express', charges_enabled: false, payouts_enabled: false, details_submitted: false });
    expect(b.id).toBe(a.id);
    expect((await post('/v1/accounts', { body: 'type=express&nickname=x' })).status).toBe(400);
  });

  it('retrieves an account with the path id substituted', async () => {
    const res = await fetch(`${mock.url}/v1/accounts/acct_42`, { headers: { Authorization: 'Bearer sk_test_1' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 'acct_42', object: 'account' });
  });

  it('creates an account link; account and type are required', async () => {
    const res = await post('/v1/account_links', { body: 'account=acct_1&type=account_onboarding&refresh_url=https%3A%2F%2Fa&return_url=https%3A%2F%2Fb' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ object: 'account_link', created: expect.any(Number), expires_at: expect.any(Number), url: expect.stringMatching(/^https:\/\//) });
    const missing = await post('/v1/account_links', { body: 'account=acct_1' });
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).message).toContain('missing properties: type');
  });

  it('plays Stripe after onboarding through setAccountState or its control route', async () => {
    const retrieve = async () => (await (await fetch(`${mock.url}/v1/accounts/acct_7`, { headers: { Authorization: 'Bearer sk_test_1' } })).json()) as Record<string, unknown>;
    mock.setAccountState({ charges_enabled: true });
    expect(await retrieve()).toMatchObject({ id: 'acct_7', charges_enabled: true });
    mock.setAccountState(null);
    expect(await retrieve()).toMatchObject({ charges_enabled: false });

    const control = await post('/_standin/account_state', { type: 'application/json', body: JSON.stringify({ payouts_enabled: true }) });
    expect(control.status).toBe(200);
    expect(await retrieve()).toMatchObject({ payouts_enabled: true });
    expect((await post('/_standin/account_state', { body: '' })).status).toBe(200);
    expect(await retrieve()).toMatchObject({ payouts_enabled: false });
    expect((await post('/_standin/account_state', { key: null, body: '{}' })).status).toBe(401);
  });

  it('records what it received, for tests that inspect the calls', async () => {
    await post('/v1/accounts', { body: 'type=express', headers: { 'Idempotency-Key': 'k-1' } });
    expect(mock.requests.at(-1)).toEqual({ method: 'POST', path: '/v1/accounts', body: 'type=express', idempotencyKey: 'k-1' });
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
