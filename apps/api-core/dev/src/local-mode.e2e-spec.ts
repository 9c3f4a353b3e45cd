import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { PrismaClient } from '@creator-payouts/prisma';
import { seedDemoCreators } from './demo-creators';
import type { StripeMock } from '@creator-payouts/stripe-mock';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { createApp } from '@creator-payouts/api-core/app.factory';
import { type AppConfig, loadConfig } from '@creator-payouts/api-core/common/config/app-config';
import { DEV_MAIN, startAppProcess } from '../../test/app-process';
import { freePort } from '../../test/free-port';
import { asUser, expectErrorEnvelope, TEST_JWT_SECRET } from '../../test/test-app';
import { ACCOUNT_CHANGES, connectEvent, signed } from './connect-events';
import { DEV_JWT_SECRET, DEV_WEBHOOK_SECRET, prepareLocalMode, restoreStandInAccounts, STANDIN_SECRET_KEY } from './local-mode';
import { CREATOR_WEB_DIST } from './local-web.controller';
import { localModeExtensions } from './local-web.module';

/** The app as the dev entry (main.ts, `npm start`) builds it: with what local mode adds for this configuration. */
const createLocalApp = (config: AppConfig) => createApp(config, undefined, localModeExtensions(config));

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';

describe('Local mode (NODE_ENV unset): the README flow with no configuration', () => {
  it('dev secret, demo creators and the stand-in as Stripe give a demo creator a login URL to the local dashboard page', async () => {
    const { config, stripeMock } = await prepareLocalMode(loadConfig({ PGLITE_DATA_DIR: 'memory://', LOG_LEVEL: 'silent' }));
    expect(stripeMock).toBeDefined();
    const app = await createLocalApp(config);
    try {
      await app.listen(0, '127.0.0.1');
      expect(await seedDemoCreators(app.get(PrismaClient))).toBe(4);
      expect(await seedDemoCreators(app.get(PrismaClient))).toBe(0);
      await restoreStandInAccounts(app.get(PrismaClient), stripeMock!);
      const http = request(`http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`);
      const token = (sub: string) => jwt.sign({ sub }, DEV_JWT_SECRET, { algorithm: 'HS256', expiresIn: 60 });

      const res = await asUser(http, token('user_demo_active')).post(ROUTE);
      expect(res.status).toBe(200);
      expect(res.body.data.url).toBe(`${stripeMock!.url}/_standin/dashboard?account=acct_1DemoActive0001`);
      expect(stripeMock!.requests.length).toBe(1);
      expect((await asUser(http, token('user_demo_pending')).post(ROUTE)).body.error.i18nKey).toBe('creator.stripe.not_active');
      expect((await asUser(http, token('user_demo_new')).post(ROUTE)).body.error.i18nKey).toBe('creator.stripe.account_not_found');
      expect((await asUser(http, token('user_demo_fan')).post(ROUTE)).body.error.i18nKey).toBe('creator.stripe.not_creator');
    } finally {
      await app.close();
      await stripeMock?.close();
    }
  });

  it('serves the demo sign-in, whose dev token the API accepts, and the creator web app', async () => {
    const { config, stripeMock } = await prepareLocalMode(loadConfig({ PGLITE_DATA_DIR: 'memory://', LOG_LEVEL: 'silent' }));
    const app = await createLocalApp(config);
    try {
      await app.listen(0, '127.0.0.1');
      await seedDemoCreators(app.get(PrismaClient));
      const http = request(`http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`);
      const signIn = await http.get('/');
      expect(signIn.status).toBe(200);
      expect(signIn.text).toContain('<button type="button" data-user-id="user_demo_new" aria-describedby="user_demo_new-about">user_demo_new</button>');
      const session = await http.post('/api/local/session').send({ userId: 'user_demo_pending' });
      expect(session.status).toBe(200);
      expect(session.headers['cache-control']).toBe('no-store');
      const status = await asUser(http, session.body.data.token).get('/api/v1/creators/stripe-connect/status');
      expect(status.body.data).toMatchObject({ stripeAccountId: 'acct_1DemoPending001' });
      // Demo users only: the endpoint is no way to sign in as anyone else.
      expect((await http.post('/api/local/session').send({ userId: 'user_someone_else' })).body.error.i18nKey).toBe('common.validation_failed');
      const page = await http.get('/payouts');
      expect(page.status).toBe(200);
      expect(page.text).toContain('<div id="root"></div>');
    } finally {
      await app.close();
      await stripeMock?.close();
    }
  });

  const LOCAL_PAGES = [
    ['get', '/'],
    ['get', '/payouts'],
    ['get', '/payouts/refresh'],
    ['get', '/local/sign-in.js'],
    ['post', '/api/local/session'],
  ] as const;

  it('serves none of it outside local mode: no sign-in, no dev tokens, no web app', async () => {
    const { config } = await prepareLocalMode(loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, PGLITE_DATA_DIR: 'memory://', LOG_LEVEL: 'silent' }));
    expect(config.localMode).toBe(false);
    const app = await createLocalApp(config);
    try {
      await app.listen(0, '127.0.0.1');
      const http = request(`http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`);
      for (const [method, path] of LOCAL_PAGES) {
        const res = await http[method](path).send(method === 'post' ? { userId: 'user_demo_active' } : undefined);
        expect([path, res.status, res.body.error?.i18nKey]).toEqual([path, 404, 'common.not_found']);
      }
    } finally {
      await app.close();
    }
  });

  it('nor in local mode on a HOST others can reach: the sign-in would hand out tokens signed with JWT_SECRET', async () => {
    const { config, stripeMock } = await prepareLocalMode(
      loadConfig({ HOST: '0.0.0.0', JWT_SECRET: 's'.repeat(32), STRIPE_WEBHOOK_SECRET: 'whsec_x', PGLITE_DATA_DIR: 'memory://', LOG_LEVEL: 'silent' }),
    );
    expect(config.localMode).toBe(true);
    const app = await createLocalApp(config);
    try {
      await app.listen(0, '127.0.0.1'); // the test listens on loopback; the configuration says 0.0.0.0
      const http = request(`http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`);
      for (const [method, path] of LOCAL_PAGES) expect([path, (await http[method](path).send({ userId: 'user_demo_active' })).status]).toEqual([path, 404]);
      // No dev secret, no sign-in: nothing for a rebinding page to take, and the machine's network names must work.
      expect((await http.get('/api/health/live').set('Host', 'payouts.lan:3000')).status).toBe(200);
    } finally {
      await app.close();
      await stripeMock?.close();
    }
  });

  it('refuses the public dev secret on a non-loopback HOST', async () => {
    await expect(prepareLocalMode(loadConfig({ HOST: '0.0.0.0', STRIPE_SECRET_KEY: 'sk_test_1' }))).rejects.toThrow(
      'JWT_SECRET or JWT_PUBLIC_KEY: required when HOST=0.0.0.0',
    );
  });

  // Contract, "Local mode": a real database means a real deployment, whatever NODE_ENV says.
  const REAL_DATABASE = 'postgresql://payouts@127.0.0.1:1/payouts';

  it('is off with DATABASE_URL set and NODE_ENV unset: the built dev entry (npm start) does not start without a JWT key, and says so', async () => {
    await expect(startAppProcess({ DATABASE_URL: REAL_DATABASE }, DEV_MAIN)).rejects.toThrow(
      /app exited \(1\) before listening:[\s\S]*JWT_SECRET: required when DATABASE_URL is set \(or JWT_PUBLIC_KEY\)/,
    );
  });

  it('is off with DATABASE_URL set and NODE_ENV=development: no dev secret, no stand-in, no example URLs', async () => {
    const config = loadConfig({ NODE_ENV: 'development', DATABASE_URL: REAL_DATABASE, JWT_SECRET: 'd'.repeat(32) });
    expect(config.localMode).toBe(false);
    const local = await prepareLocalMode(config);
    expect(local.stripeMock).toBeUndefined();
    expect(local.config).toBe(config);
    expect(local.config.stripe).toMatchObject({ secretKey: undefined, webhookSecrets: [], connectReturnUrl: undefined });
    expect(local.config.jwt.verification?.key.export().toString()).toBe('d'.repeat(32));
  });

  it('does nothing in production: configured values are used as they are', async () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(32) });
    const local = await prepareLocalMode(config);
    expect(local.stripeMock).toBeUndefined();
    expect(local.config).toBe(config);
  });
});

/**
 * DNS rebinding: a web page points its own name at 127.0.0.1 and then talks to
 * the local server as its own origin, so the browser lets it read the answers.
 * Its requests still carry its own name in Host.
 */
describe('Local mode answers only a loopback Host: a page that rebinds its name to 127.0.0.1 gets nothing', () => {
  let app: NestFastifyApplication;
  let stripeMock: StripeMock;
  let config: AppConfig;
  let port: number;
  let http: ReturnType<typeof request>;
  const SESSION = '/api/local/session';
  const INITIATE = '/api/v1/creators/stripe-connect/initiate';
  const WEBHOOK = '/api/v1/webhooks/stripe';
  const ASSET = `/assets/${readdirSync(join(CREATOR_WEB_DIST, 'assets'))[0]}`;
  // The dev secrets are public: such a page could sign its own token and events, without the sign-in.
  const devToken = (sub: string) => jwt.sign({ sub }, DEV_JWT_SECRET, { algorithm: 'HS256', expiresIn: 60 });
  const onboardedEvent = () =>
    signed(connectEvent(ACCOUNT_CHANGES.onboarded.type, 'acct_1DemoPending001', { account: ACCOUNT_CHANGES.onboarded.account }), DEV_WEBHOOK_SECRET);

  beforeAll(async () => {
    // A fixed port: the stand-in's onboarding page sends its webhook to it.
    port = await freePort();
    const local = await prepareLocalMode(loadConfig({ PORT: String(port), PGLITE_DATA_DIR: 'memory://', LOG_LEVEL: 'silent' }));
    [config, stripeMock] = [local.config, local.stripeMock!];
    app = await createLocalApp(config);
    await app.listen(port, '127.0.0.1');
    await seedDemoCreators(app.get(PrismaClient));
    await restoreStandInAccounts(app.get(PrismaClient), stripeMock);
    http = request(`http://127.0.0.1:${port}`);
  });
  afterAll(async () => {
    await app?.close();
    await stripeMock?.close();
  });

  it.each(['127.0.0.1', '127.0.0.1:PORT', 'localhost', 'LocalHost:5173', '[::1]', '[::1]:PORT'])(
    'serves the sign-in, the pages and the API to Host %s',
    async (name) => {
      const host = name.replace('PORT', String(port));
      const session = await http.post(SESSION).set('Host', host).send({ userId: 'user_demo_active' });
      expect(session.status).toBe(200);
      const status = await asUser(http, session.body.data.token).get('/api/v1/creators/stripe-connect/status').set('Host', host);
      expect(status.body.data).toMatchObject({ stripeAccountId: 'acct_1DemoActive0001' });
      for (const path of ['/', '/local/sign-in.js', '/payouts', '/payouts/refresh', ASSET])
        expect([path, (await http.get(path).set('Host', host)).status]).toEqual([path, 200]);
    },
  );

  const FOREIGN_HOSTS = [
    'rebind.attacker.example:3000',
    'rebind.attacker.example',
    'localhost.attacker.example',
    '127.0.0.1.nip.io:3000',
    // A trailing dot is another DNS name, looked up like any other.
    'localhost.',
    '127.0.0.1.:3000',
    // Host never carries userinfo (RFC 9110): whichever side a parser takes, refused.
    'attacker.example@127.0.0.1',
    '127.0.0.1@attacker.example',
    '127.0.0.2',
    '[::1]x',
    '127.0.0.1:3000x',
  ];

  it.each(FOREIGN_HOSTS)('refuses Host %s: 403 local.host_not_allowed, no token, no page, no Stripe call, no webhook', async (host) => {
    const stripeCalls = stripeMock.requests.length;
    const session = await http.post(SESSION).set('Host', host).send({ userId: 'user_demo_active' });
    expectErrorEnvelope(session, 403, 'local.host_not_allowed');
    expect(session.body.data).toBeUndefined();
    expect(session.text).not.toMatch(/eyJ/);
    for (const path of ['/', '/local/sign-in.js', '/payouts', '/payouts/refresh', ASSET, '/api/docs', '/api/docs-json']) {
      const res = await http.get(path).set('Host', host);
      expect([path, res.status, res.body.error?.i18nKey]).toEqual([path, 403, 'local.host_not_allowed']);
    }
    // The creator API with a token the page signed itself: no account created in Stripe.
    expectErrorEnvelope(await asUser(http, devToken('user_demo_new')).post(INITIATE).set('Host', host), 403, 'local.host_not_allowed');
    expect(stripeMock.requests.length).toBe(stripeCalls);
    const { body, signature } = onboardedEvent();
    const webhook = await http.post(WEBHOOK).set('Host', host).set('Stripe-Signature', signature).set('Content-Type', 'application/json').send(body);
    expectErrorEnvelope(webhook, 403, 'local.host_not_allowed');
    const pending = await app.get(PrismaClient).creatorProfile.findUniqueOrThrow({ where: { userId: 'user_demo_pending' } });
    expect(pending.stripeAccountStatus).toBe('PENDING');
  });

  it('counts the refusals like any answer: the request hooks run before the Host check', async () => {
    const refusals = async () => {
      const text = (await http.get('/api/metrics').set('Host', '127.0.0.1')).text;
      return Number(/^http_requests_total\{method="GET",route="\/payouts",status="403"\} (\d+)$/m.exec(text)?.[1] ?? 0);
    };
    const before = await refusals();
    expectErrorEnvelope(await http.get('/payouts').set('Host', 'rebind.attacker.example'), 403, 'local.host_not_allowed');
    expect(await refusals()).toBe(before + 1);
  });

  it('says so in Turkish to a Turkish browser', async () => {
    const res = await http.get('/').set('Host', 'rebind.attacker.example:3000').set('Accept-Language', 'tr');
    expectErrorEnvelope(res, 403, 'local.host_not_allowed');
    expect(res.body.error.message).toBe('Bu yerel mod sunucusu yalnızca 127.0.0.1, localhost veya [::1] adresine gönderilen isteklere yanıt verir.');
  });

  it('refuses a request with no Host at all (HTTP/1.0): nothing shows it was meant for this machine', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(port, '127.0.0.1', () =>
        socket.end(`POST ${SESSION} HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 29\r\n\r\n{"userId":"user_demo_active"}`),
      );
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.once('end', () => resolve(text));
      socket.once('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 403 /);
    expect(answer).toContain('"i18nKey":"local.host_not_allowed"');
    expect(answer).not.toMatch(/eyJ/);
  });

  it("the stand-in's onboarding returns only to the configured return URL, with the app's framing and CSP headers", async () => {
    const stripe = (path: string, body: object) =>
      fetch(`${stripeMock.url}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${STANDIN_SECRET_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const account = ((await (await stripe('/v2/core/accounts', { dashboard: 'express' })).json()) as { id: string }).id;
    // A link made with another return URL (anyone with a test key can make one).
    const elsewhere = 'https://attacker.example/phish';
    const onboarding = { refresh_url: elsewhere, return_url: elsewhere };
    const link = (
      (await (await stripe('/v2/core/account_links', { account, use_case: { type: 'account_onboarding', account_onboarding: onboarding } })).json()) as {
        url: string;
      }
    ).url;
    const done = await fetch(`${stripeMock.url}/_standin/onboarding`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: stripeMock.url },
      body: new URLSearchParams({ account, return_url: elsewhere }).toString(),
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(config.stripe.connectReturnUrl);
    expect(config.stripe.connectReturnUrl).toBe(`http://127.0.0.1:${port}/payouts?from=stripe`);

    // Helmet's headers, as the app sends them; the form may also go where it returns to.
    const appPage = await http.get('/');
    const standInPage = await fetch(link);
    expect(standInPage.status).toBe(200);
    expect(standInPage.headers.get('x-frame-options')).toBe(appPage.headers['x-frame-options']);
    const directives = (csp: string) => Object.fromEntries(csp.split(';').map((directive) => [directive.split(' ')[0], directive]));
    expect(directives(standInPage.headers.get('content-security-policy')!)).toEqual({
      ...directives(appPage.headers['content-security-policy']),
      'form-action': `form-action 'self' http://127.0.0.1:${port}`,
    });
  });
});

describe("Local mode: the journey through the stand-in's onboarding page, on each Accounts API", () => {
  it.each([
    ['Accounts v2 by default (a platform of today)', {}, 'V2', { chargesEnabled: false, payoutsEnabled: true }],
    [
      'Accounts v1 with STRIPE_ACCOUNTS_API=v1 (the stand-in then has v1 support on)',
      { STRIPE_ACCOUNTS_API: 'v1' },
      'V1',
      { chargesEnabled: true, payoutsEnabled: true },
    ],
  ] as const)('%s: initiate, Complete onboarding, ACTIVE, login link', async (_name, env, api, flags) => {
    // A fixed port: the onboarding page sends its webhook to it.
    const port = await freePort();
    const { config, stripeMock } = await prepareLocalMode(loadConfig({ PORT: String(port), PGLITE_DATA_DIR: 'memory://', LOG_LEVEL: 'silent', ...env }));
    const app = await createLocalApp(config);
    try {
      await app.listen(port, '127.0.0.1');
      await seedDemoCreators(app.get(PrismaClient));
      const http = request(`http://127.0.0.1:${port}`);
      const token = jwt.sign({ sub: 'user_demo_new' }, DEV_JWT_SECRET, { algorithm: 'HS256', expiresIn: 60 });

      const initiated = await asUser(http, token).post('/api/v1/creators/stripe-connect/initiate');
      expect(initiated.status).toBe(201);
      const { accountId, onboardingUrl } = initiated.body.data as { accountId: string; onboardingUrl: string };
      expect(onboardingUrl).toBe(`${stripeMock!.url}/_standin/onboarding?account=${accountId}`);
      // The creator clicks Complete onboarding: Stripe's page posts its form, and the browser is sent back.
      const done = await fetch(`${stripeMock!.url}/_standin/onboarding`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: stripeMock!.url },
        body: new URLSearchParams({ account: accountId }).toString(),
      });
      expect(done.status).toBe(303);
      expect(done.headers.get('location')).toBe(config.stripe.connectReturnUrl);

      const profile = await app.get(PrismaClient).creatorProfile.findUniqueOrThrow({ where: { userId: 'user_demo_new' } });
      expect(profile).toMatchObject({ stripeAccountId: accountId, stripeAccountApi: api, stripeAccountStatus: 'ACTIVE' });
      const status = await asUser(http, token).get('/api/v1/creators/stripe-connect/status');
      expect(status.body.data).toEqual({ stripeAccountId: accountId, stripeAccountStatus: 'ACTIVE', detailsSubmitted: true, ...flags });
      const link = await asUser(http, token).post(ROUTE);
      expect(link.body.data.url).toBe(`${stripeMock!.url}/_standin/dashboard?account=${accountId}`);
    } finally {
      await app.close();
      await stripeMock?.close();
    }
  });
});
