import { request as httpRequest } from 'node:http';
import { v2AccountFields } from './accounts-v2';
import { CONTROL_THIN_EVENT, startStripeMock, type StripeMock } from './server';

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
    expect(await res.json()).toEqual({
      object: 'account_link',
      created: expect.any(Number),
      expires_at: expect.any(Number),
      url: expect.stringMatching(/^https:\/\//),
    });
    const missing = await post('/v1/account_links', { body: 'account=acct_1' });
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).message).toContain('missing properties: type');
  });

  it('plays Stripe after onboarding through setAccountState or its control route', async () => {
    const retrieve = async () =>
      (await (await fetch(`${mock.url}/v1/accounts/acct_7`, { headers: { Authorization: 'Bearer sk_test_1' } })).json()) as Record<string, unknown>;
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

  it('a fault can be limited to one operation', async () => {
    mock.setFault('server_error', { operation: 'createAccountLink' });
    expect((await post('/v1/accounts/acct_123/login_links')).status).toBe(200);
    expect((await post('/v1/account_links', { body: 'account=acct_123&type=account_onboarding' })).status).toBe(500);
    mock.setFault(null);
  });

  it('faults can be set from another process through its control route, and cleared', async () => {
    const control = (body: string) => post('/_standin/fault', { type: 'application/json', body });
    expect((await control(JSON.stringify({ fault: 'server_error', operation: 'createLoginLink' }))).status).toBe(200);
    expect((await post('/v1/accounts/acct_123/login_links')).status).toBe(500);
    expect((await post('/v1/account_links', { body: 'account=acct_123&type=account_onboarding' })).status).toBe(200);
    expect((await control('')).status).toBe(200);
    expect((await post('/v1/accounts/acct_123/login_links')).status).toBe(200);
    expect((await post('/_standin/fault', { key: null, body: '' })).status).toBe(401);
  });
});

describe("stripe-mock stand-in, hosted pages (local mode's onboarding and Express Dashboard)", () => {
  let mock: StripeMock;
  const completed: string[] = [];
  const RETURN_URL = 'http://127.0.0.1:3000/payouts?from=stripe';
  const api = (path: string, body: string) =>
    fetch(`${mock.url}${path}`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk_test_123', 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
    });
  const createAccount = async () => ((await (await api('/v1/accounts', 'type=express')).json()) as { id: string }).id;
  /** The onboarding form's POST, as a browser sends it from a page at `origin`, addressed to `host`. */
  const complete = (account: string, { origin, host, returnUrl = RETURN_URL }: { origin: string; host?: string; returnUrl?: string }) =>
    new Promise<{ status: number; location?: string }>((resolve, reject) => {
      const body = new URLSearchParams({ account, return_url: returnUrl }).toString();
      const req = httpRequest(`${mock.url}/_standin/onboarding`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin, ...(host && { Host: host }) },
      });
      req.once('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode!, location: res.headers.location });
      });
      req.once('error', reject);
      req.end(body);
    });

  beforeAll(async () => {
    mock = await startStripeMock({
      stateful: true,
      accountsV1: true,
      hostedPages: { returnUrl: RETURN_URL, onboardingCompleted: async (id) => void completed.push(id) },
    });
  });
  beforeEach(() => void completed.splice(0));
  afterAll(() => mock.close());

  it('an account link leads to an onboarding page whose button completes onboarding and returns to the configured return URL', async () => {
    const account = await createAccount();
    const link = (await (
      await api('/v1/account_links', `account=${account}&type=account_onboarding&return_url=${encodeURIComponent(RETURN_URL)}&refresh_url=x`)
    ).json()) as { url: string };
    expect(link.url.startsWith(`${mock.url}/_standin/onboarding?`)).toBe(true);

    const page = await (await fetch(link.url)).text();
    expect(page).toContain(account);
    expect(page).toContain('<button type="submit">Complete onboarding</button>');

    // Another site's form posting here is refused: it could onboard any account.
    expect((await complete(account, { origin: 'https://elsewhere.example' })).status).toBe(403);
    expect(completed).toEqual([]);
    expect(await complete(account, { origin: mock.url })).toEqual({ status: 303, location: RETURN_URL });
    expect(completed).toEqual([account]);
  });

  it('returns only to the configured return URL, whatever return_url the link or the form carries (no open redirect)', async () => {
    const account = await createAccount();
    const elsewhere = 'https://attacker.example/phish';
    const link = (await (await api('/v1/account_links', `account=${account}&type=account_onboarding&return_url=${encodeURIComponent(elsewhere)}`)).json()) as {
      url: string;
    };
    expect(await complete(account, { origin: mock.url, returnUrl: elsewhere })).toEqual({ status: 303, location: RETURN_URL });
    expect(await complete(account, { origin: mock.url, returnUrl: 'javascript:alert(1)' })).toEqual({ status: 303, location: RETURN_URL });
    // Nor does the page offer it.
    expect(await (await fetch(link.url)).text()).not.toContain('attacker.example');
  });

  it('refuses the form of a page that points its own name at 127.0.0.1 (DNS rebinding: its Origin matches the Host it sends)', async () => {
    const account = await createAccount();
    const rebound = `rebind.attacker.example:${mock.port}`;
    const res = await complete(account, { origin: `http://${rebound}`, host: rebound });
    expect(res).toEqual({ status: 403, location: undefined });
    expect(completed).toEqual([]);
  });

  it("every page sends the app's framing and CSP headers (helmet's defaults; the form may also go back to the return URL's origin)", async () => {
    const account = await createAccount();
    const pages = [`/_standin/onboarding?account=${account}`, `/_standin/dashboard?account=${account}`, '/_standin/dashboard?account=acct_nobody'];
    for (const path of pages) {
      const res = await fetch(`${mock.url}${path}`);
      expect([path, res.headers.get('x-frame-options'), res.headers.get('content-security-policy')]).toEqual([
        path,
        'SAMEORIGIN',
        "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self' http://127.0.0.1:3000;frame-ancestors 'self';img-src 'self' data:;" +
          "object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests",
      ]);
    }
    const refused = await complete(account, { origin: 'https://elsewhere.example' });
    expect(refused.status).toBe(403);
  });

  it.each(['javascript:alert(1)', 'http://', '/payouts?from=stripe'])('will not start with a return URL that is not an http(s) URL: %s', async (returnUrl) => {
    const started = startStripeMock({ hostedPages: { returnUrl, onboardingCompleted: async () => {} } });
    const outcome = await started.then(
      async (other) => (await other.close(), 'started'),
      (error: Error) => error.message,
    );
    expect(outcome).toContain('hostedPages.returnUrl must be an http(s) URL');
  });

  it('a login link leads to a page naming its account; an unknown account is 404', async () => {
    const account = (await (await api('/v1/accounts', 'type=express')).json()) as { id: string };
    mock.putAccount({ id: account.id, details_submitted: true });
    const link = (await (await api(`/v1/accounts/${account.id}/login_links`, '')).json()) as { url: string };
    const page = await fetch(link.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<strong data-testid="account-id">${account.id}</strong>`);
    expect((await fetch(`${mock.url}/_standin/dashboard?account=acct_nobody`)).status).toBe(404);
  });

  it('the control route changes one account in stateful mode', async () => {
    const [a, b] = [await api('/v1/accounts', 'type=express'), await api('/v1/accounts', 'type=express')];
    const [first, second] = [(await a.json()) as { id: string }, (await b.json()) as { id: string }];
    const control = await fetch(`${mock.url}/_standin/account_state`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk_test_123' },
      body: JSON.stringify({ id: first.id, charges_enabled: true }),
    });
    expect(control.status).toBe(200);
    expect(mock.accounts.get(first.id)).toMatchObject({ charges_enabled: true });
    expect(mock.accounts.get(second.id)).toMatchObject({ charges_enabled: false });
  });
});

describe("stripe-mock stand-in, stateful mode (real Stripe's accounts and idempotency)", () => {
  let mock: StripeMock;
  const createAccount = (body: string, key?: string) =>
    fetch(`${mock.url}/v1/accounts`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk_test_123', 'Content-Type': 'application/x-www-form-urlencoded', ...(key && { 'Idempotency-Key': key }) },
      body,
    });
  const retrieve = (id: string) => fetch(`${mock.url}/v1/accounts/${id}`, { headers: { Authorization: 'Bearer sk_test_123' } });

  beforeAll(async () => {
    mock = await startStripeMock({ stateful: true, accountsV1: true });
  });
  afterEach(() => mock.setFault(null));
  afterAll(() => mock.close());

  it('keeps each created account under its own id, with its metadata; an unknown id is 404', async () => {
    const first = (await (await createAccount('type=express&metadata[platformUserId]=u1')).json()) as { id: string };
    const second = (await (await createAccount('type=express&metadata[platformUserId]=u2')).json()) as { id: string };
    expect(first.id).not.toBe(second.id);
    expect(await (await retrieve(first.id)).json()).toMatchObject({ id: first.id, metadata: { platformUserId: 'u1' } });
    expect((await retrieve('acct_unknown')).status).toBe(404);
  });

  it('replays the first answer to a key, a 500 included, even once Stripe is healthy again', async () => {
    mock.setFault('server_error');
    expect((await createAccount('type=express', 'key-500')).status).toBe(500);
    mock.setFault(null);
    const replay = await createAccount('type=express', 'key-500');
    expect(replay.status).toBe(500);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await createAccount('type=express', 'key-other')).status).toBe(200);
  });

  it('replays a created account to the same key: one account, whatever the retries', async () => {
    const before = mock.accounts.size;
    const ids = await Promise.all([1, 2, 3].map(async () => ((await (await createAccount('type=express', 'key-once')).json()) as { id: string }).id));
    expect(new Set(ids).size).toBe(1);
    expect(mock.accounts.size).toBe(before + 1);
  });

  it('refuses a reused key with other parameters (idempotency_error)', async () => {
    await createAccount('type=express&email=a%40example.com', 'key-params');
    const res = await createAccount('type=express&email=b%40example.com', 'key-params');
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ type: 'idempotency_error' });
  });

  it('a cut connection happens after Stripe did the work: the account exists, and its key replays it', async () => {
    const before = mock.accounts.size;
    mock.setFault('connection_reset');
    await expect(createAccount('type=express', 'key-cut').then((res) => res.json())).rejects.toThrow();
    expect(mock.accounts.size).toBe(before + 1);
    mock.setFault(null);
    const replay = (await (await createAccount('type=express', 'key-cut')).json()) as { id: string };
    expect([...mock.accounts.keys()].at(-1)).toBe(replay.id);
  });

  it('no_answer: the account is created and nothing comes back until the client gives up', async () => {
    const before = mock.accounts.size;
    mock.setFault('no_answer');
    await expect(
      fetch(`${mock.url}/v1/accounts`, {
        method: 'POST',
        headers: { Authorization: 'Bearer sk_test_123', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'type=express',
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow(/aborted/i);
    expect(mock.accounts.size).toBe(before + 1);
  });

  it('a held read answers the account as it was when the request arrived, once released; other calls are not held', async () => {
    const { id } = (await (await createAccount('type=express')).json()) as { id: string };
    mock.putAccount({ id, charges_enabled: false });
    const hold = mock.hold('retrieveAccount');
    let answered = false;
    const reading = retrieve(id).then(async (res) => {
      answered = true;
      return (await res.json()) as { charges_enabled: boolean };
    });
    await hold.arrived;
    mock.putAccount({ id, charges_enabled: true });
    expect((await createAccount('type=express')).status).toBe(200);
    expect(answered).toBe(false);
    hold.release();
    expect(await reading).toMatchObject({ charges_enabled: false });
    // Released: the next read is not held, and sees the account as it is now.
    expect(await (await retrieve(id)).json()).toMatchObject({ charges_enabled: true });
  });
});

describe('stripe-mock stand-in, a platform of today (stateful mode: Accounts v2, v1 creation refused)', () => {
  let mock: StripeMock;
  const call = (method: string, path: string, body?: object, headers: Record<string, string> = {}) =>
    fetch(`${mock.url}${path}`, {
      method,
      headers: { Authorization: 'Bearer sk_test_123', ...(body && { 'Content-Type': 'application/json' }), ...headers },
      body: body && JSON.stringify(body),
    });
  const json = async (res: Response) => (await res.json()) as Record<string, any>;
  const createV2 = async (body: object = { dashboard: 'express', contact_email: 'c@example.com', metadata: { platformUserId: 'u1' } }) =>
    json(await call('POST', '/v2/core/accounts', body));

  beforeAll(async () => {
    mock = await startStripeMock({ stateful: true });
  });
  afterEach(() => mock.setFault(null));
  afterAll(() => mock.close());

  it("refuses POST /v1/accounts with Stripe's text (400 invalid_request_error), with type or controller alike", async () => {
    for (const body of ['type=express', 'controller[stripe_dashboard][type]=express']) {
      const res = await fetch(`${mock.url}/v1/accounts`, {
        method: 'POST',
        headers: { Authorization: 'Bearer sk_test_123', 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      });
      expect(res.status).toBe(400);
      const { error } = await json(res);
      expect(error).toEqual({
        type: 'invalid_request_error',
        message: expect.stringMatching(
          /^Stripe no longer recommends Accounts v1 for new Connect integrations\. Create connected accounts with POST \/v2\/core\/accounts instead/,
        ),
      });
    }
    expect(mock.accounts.size).toBe(0);
  });

  it('creates a v2 account from JSON; configuration, requirements and identity only when included', async () => {
    const created = await createV2();
    expect(created).toMatchObject({
      id: expect.stringMatching(/^acct_[0-9a-f]{16}$/),
      object: 'v2.core.account',
      dashboard: 'express',
      contact_email: 'c@example.com',
      metadata: { platformUserId: 'u1' },
      closed: false,
    });
    expect(created).not.toHaveProperty('configuration');
    expect(created).not.toHaveProperty('identity');

    const bare = await json(await call('GET', `/v2/core/accounts/${created.id}`));
    expect(bare).not.toHaveProperty('configuration');
    // stripe-node writes an array in a query as include[0]=…&include[1]=…
    const full = await json(await call('GET', `/v2/core/accounts/${created.id}?include[0]=configuration.recipient&include[1]=requirements`));
    expect(full.configuration.recipient.capabilities.stripe_balance.stripe_transfers).toEqual({
      status: 'restricted',
      status_details: [{ code: 'requirements_past_due', resolution: 'provide_info' }],
    });
    expect(full.requirements.entries.length).toBeGreaterThan(0);
    expect(full).not.toHaveProperty('identity');
  });

  it('validates v2 bodies: JSON only, known top-level parameters only', async () => {
    const form = await fetch(`${mock.url}/v2/core/accounts`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk_test_123', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'dashboard=express',
    });
    expect(form.status).toBe(400);
    const unknown = await call('POST', '/v2/core/accounts', { type: 'express' });
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).error.message).toContain('additional properties are not allowed: type');
    expect((await call('POST', '/v2/core/account_links', { account: 'acct_1' })).status).toBe(400);
  });

  it('v2 idempotency: a 500 is not replayed, the retry with the key gets the work done (one account); other parameters are refused', async () => {
    const body = { dashboard: 'express', metadata: { platformUserId: 'idem' } };
    const before = mock.accounts.size;
    mock.setFault('server_error', { operation: 'createAccount' });
    expect((await call('POST', '/v2/core/accounts', body, { 'Idempotency-Key': 'v2-key' })).status).toBe(500);
    mock.setFault(null);
    const retried = await call('POST', '/v2/core/accounts', body, { 'Idempotency-Key': 'v2-key' });
    expect(retried.status).toBe(200);
    const { id } = await json(retried);
    expect(mock.accounts.size).toBe(before + 1);
    expect((await json(await call('POST', '/v2/core/accounts', body, { 'Idempotency-Key': 'v2-key' }))).id).toBe(id);
    const other = await call('POST', '/v2/core/accounts', { ...body, contact_email: 'x@example.com' }, { 'Idempotency-Key': 'v2-key' });
    expect((await json(other)).error.type).toBe('idempotency_error');
    const fresh = await json(await call('POST', '/v2/core/accounts', body, { 'Idempotency-Key': 'v2-key-2' }));
    expect(fresh.id).not.toBe(id);
  });

  it('makes v2 onboarding links for v2 accounts; an unknown account is 404', async () => {
    const { id } = await createV2();
    const useCase = { type: 'account_onboarding', account_onboarding: { refresh_url: 'https://p.example/refresh', return_url: 'https://p.example/return' } };
    const link = await json(await call('POST', '/v2/core/account_links', { account: id, use_case: useCase }));
    expect(link).toMatchObject({ object: 'v2.core.account_link', account: id, url: expect.stringMatching(/^https:\/\//), use_case: useCase });
    expect(Date.parse(link.expires_at)).toBeGreaterThan(Date.parse(link.created));
    const missing = await call('POST', '/v2/core/account_links', { account: 'acct_1Nobody', use_case: useCase });
    expect(missing.status).toBe(404);
    expect((await json(missing)).error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing' });
    expect((await call('GET', '/v2/core/accounts/acct_1Nobody')).status).toBe(404);
  });

  it('shows a v2 account through v1 as Stripe does: no charges for a recipient, payouts and details once onboarded', async () => {
    const { id } = await createV2();
    expect(await json(await call('GET', `/v1/accounts/${id}`))).toMatchObject({
      id,
      object: 'account',
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
    });
    mock.putAccount({ id, ...v2AccountFields('active') });
    expect(await json(await call('GET', `/v1/accounts/${id}`))).toMatchObject({
      charges_enabled: false,
      payouts_enabled: true,
      details_submitted: true,
      capabilities: { transfers: 'active' },
    });
    mock.putAccount({ id, ...v2AccountFields('rejected') });
    expect(await json(await call('GET', `/v1/accounts/${id}`))).toMatchObject({ requirements: { disabled_reason: 'rejected.other' } });
  });

  it('refuses a login link before onboarding is complete, v2 and v1 accounts alike; grants it after', async () => {
    const { id } = await createV2();
    const refused = await call('POST', `/v1/accounts/${id}/login_links`);
    expect(refused.status).toBe(400);
    expect((await json(refused)).error).toEqual({
      type: 'invalid_request_error',
      message: 'Cannot create a login link for an account that has not completed onboarding.',
    });
    mock.putAccount({ id, ...v2AccountFields('active') });
    expect((await call('POST', `/v1/accounts/${id}/login_links`)).status).toBe(200);

    mock.putAccount({ id: 'acct_1V1NotOnboarded', details_submitted: false });
    expect((await call('POST', '/v1/accounts/acct_1V1NotOnboarded/login_links')).status).toBe(400);
  });

  it('makes thin events, in process or through the control route, and serves them at GET /v2/core/events/{id}', async () => {
    const { id } = await createV2();
    const thin = mock.thinEvent('v2.core.account[requirements].updated', id);
    expect(thin).toEqual({
      id: expect.stringMatching(/^evt_/),
      object: 'v2.core.event',
      type: 'v2.core.account[requirements].updated',
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      livemode: false,
      context: null,
      reason: null,
      related_object: { id, type: 'v2.core.account', url: `/v2/core/accounts/${id}` },
    });
    expect(await json(await call('GET', `/v2/core/events/${thin.id}`))).toMatchObject({ id: thin.id, type: thin.type });
    const remote = await json(await call('POST', CONTROL_THIN_EVENT, { type: 'v2.core.account.closed', account: id }));
    expect((await json(await call('GET', `/v2/core/events/${remote.id}`))).related_object.id).toBe(id);
    expect((await call('GET', '/v2/core/events/evt_unknown')).status).toBe(404);
  });

  it('stateless mode is stripe-mock: no /v2 routes', async () => {
    const stateless = await startStripeMock();
    try {
      const res = await fetch(`${stateless.url}/v2/core/accounts`, {
        method: 'POST',
        headers: { Authorization: 'Bearer sk_test_123', 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(404);
      expect((await json(res)).error.message).toBe('Unrecognized request URL (POST: /v2/core/accounts).');
    } finally {
      await stateless.close();
    }
  });
});
