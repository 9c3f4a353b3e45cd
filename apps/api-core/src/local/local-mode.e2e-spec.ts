import { PrismaClient, seedDemoCreators } from '@creator-payouts/prisma';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { startAppProcess } from '../../test/app-process';
import { createApp } from '../app.factory';
import { loadConfig } from '../common/config/app-config';
import { startTestApp } from '../../test/test-app';
import { DEV_JWT_SECRET, prepareLocalMode, restoreStandInAccounts } from './local-mode';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';

describe('Local mode (NODE_ENV unset): the README flow with no configuration', () => {
  it('dev secret, demo creators and the stand-in as Stripe give a demo creator a login URL to the local dashboard page', async () => {
    const { config, stripeMock } = await prepareLocalMode(loadConfig({ PGLITE_DATA_DIR: 'memory://', LOG_LEVEL: 'silent' }));
    expect(stripeMock).toBeDefined();
    const app = await createApp(config);
    try {
      await app.listen(0, '127.0.0.1');
      expect(await seedDemoCreators(app.get(PrismaClient))).toBe(4);
      expect(await seedDemoCreators(app.get(PrismaClient))).toBe(0);
      await restoreStandInAccounts(app.get(PrismaClient), stripeMock!);
      const http = request(`http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`);
      const token = (sub: string) => jwt.sign({ sub }, DEV_JWT_SECRET, { algorithm: 'HS256', expiresIn: 60 });

      const res = await http.post(ROUTE).set('Authorization', `Bearer ${token('user_demo_active')}`);
      expect(res.status).toBe(200);
      expect(res.body.data.url).toBe(`${stripeMock!.url}/_standin/dashboard?account=acct_1DemoActive0001`);
      expect(stripeMock!.requests.length).toBe(1);
      expect((await http.post(ROUTE).set('Authorization', `Bearer ${token('user_demo_pending')}`)).body.error.i18nKey).toBe('creator.stripe.not_active');
      expect((await http.post(ROUTE).set('Authorization', `Bearer ${token('user_demo_new')}`)).body.error.i18nKey).toBe('creator.stripe.account_not_found');
      expect((await http.post(ROUTE).set('Authorization', `Bearer ${token('user_demo_fan')}`)).body.error.i18nKey).toBe('creator.stripe.not_creator');
    } finally {
      await app.close();
      await stripeMock?.close();
    }
  });

  it('serves the demo sign-in, whose dev token the API accepts, and the creator web app', async () => {
    const { config, stripeMock } = await prepareLocalMode(loadConfig({ PGLITE_DATA_DIR: 'memory://', LOG_LEVEL: 'silent' }));
    const app = await createApp(config);
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
      const status = await http.get('/api/v1/creators/stripe-connect/status').set('Authorization', `Bearer ${session.body.data.token}`);
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

  const LOCAL_PAGES = [['get', '/'], ['get', '/payouts'], ['get', '/payouts/refresh'], ['get', '/local/sign-in.js'], ['post', '/api/local/session']] as const;

  it('serves none of it outside local mode: no sign-in, no dev tokens, no web app', async () => {
    const t = await startTestApp();
    try {
      for (const [method, path] of LOCAL_PAGES) {
        const res = await t.http[method](path).send(method === 'post' ? { userId: 'user_demo_active' } : undefined);
        expect([path, res.status, res.body.error?.i18nKey]).toEqual([path, 404, 'common.not_found']);
      }
    } finally {
      await t.close();
    }
  });

  it('nor in local mode on a HOST others can reach: the sign-in would hand out tokens signed with JWT_SECRET', async () => {
    const { config, stripeMock } = await prepareLocalMode(
      loadConfig({ HOST: '0.0.0.0', JWT_SECRET: 's'.repeat(32), STRIPE_WEBHOOK_SECRET: 'whsec_x', PGLITE_DATA_DIR: 'memory://', LOG_LEVEL: 'silent' }),
    );
    expect(config.localMode).toBe(true);
    const app = await createApp(config);
    try {
      await app.listen(0, '127.0.0.1'); // the test listens on loopback; the configuration says 0.0.0.0
      const http = request(`http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`);
      for (const [method, path] of LOCAL_PAGES) expect([path, (await http[method](path).send({ userId: 'user_demo_active' })).status]).toEqual([path, 404]);
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

  it('is off with DATABASE_URL set and NODE_ENV unset: the built app does not start without a JWT key, and says so', async () => {
    await expect(startAppProcess({ DATABASE_URL: REAL_DATABASE })).rejects.toThrow(
      /app exited \(1\) before listening:[\s\S]*JWT_SECRET: required when DATABASE_URL is set \(or JWT_PUBLIC_KEY\)/,
    );
  });

  it('is off with DATABASE_URL set and NODE_ENV=development: no dev secret, no stand-in, no example URLs', async () => {
    const config = loadConfig({ NODE_ENV: 'development', DATABASE_URL: REAL_DATABASE, JWT_SECRET: 'd'.repeat(32) });
    expect(config.localMode).toBe(false);
    const local = await prepareLocalMode(config);
    expect(local.stripeMock).toBeUndefined();
    expect(local.config).toBe(config);
    expect(local.config.stripe).toMatchObject({ secretKey: undefined, webhookSecret: undefined, connectReturnUrl: undefined });
    expect(local.config.jwt.verification?.key.export().toString()).toBe('d'.repeat(32));
  });

  it('does nothing in production: configured values are used as they are', async () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(32) });
    const local = await prepareLocalMode(config);
    expect(local.stripeMock).toBeUndefined();
    expect(local.config).toBe(config);
  });
});
