import { PrismaClient } from '@creator-payouts/prisma';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { asUser, createCreator, expectErrorEnvelope, signToken, TEST_JWT_SECRET } from '../../test/test-app';
import { createApp } from '@creator-payouts/api-core/app.factory';
import { loadConfig } from '@creator-payouts/api-core/common/config/app-config';
import { DEV_JWT_SECRET, prepareLocalMode } from './local-mode';
import { localModeExtensions } from './local-web.module';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';

/**
 * Contract, "Local mode": with DATABASE_URL set the app never accepts a dev
 * secret, whatever NODE_ENV says. The app is built as the dev entry (main.ts,
 * `npm start`) builds it: loadConfig, then prepareLocalMode, then createApp
 * with local mode's extensions. (The production entry has no dev secret at
 * all: src/production-build.e2e-spec.ts.)
 */
describe.each([{}, { NODE_ENV: 'development' }])('DATABASE_URL and JWT_SECRET set, %j', (nodeEnv) => {
  let app: NestFastifyApplication;
  let http: TestAgent;

  beforeAll(async () => {
    const { config } = await prepareLocalMode(
      loadConfig({
        ...nodeEnv,
        DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://payouts@127.0.0.1:1/payouts',
        JWT_SECRET: TEST_JWT_SECRET,
        LOG_LEVEL: 'silent',
        STRIPE_SECRET_KEY: 'sk_test_123',
        STRIPE_API_BASE: process.env.STRIPE_MOCK_URL,
        STRIPE_MAX_NETWORK_RETRIES: '0',
        STRIPE_CONNECT_REFRESH_URL: 'https://creators.example.com/payouts?stripe=refresh',
        STRIPE_CONNECT_RETURN_URL: 'https://creators.example.com/payouts?stripe=return',
      }),
    );
    expect(config.localMode).toBe(false);
    // The PGlite pass has no PostgreSQL to open: the app gets an in-memory
    // database there instead, after the configuration was decided (the
    // database plays no part in authentication).
    const database = process.env.DATABASE_URL ? config.database : { ...config.database, url: undefined, pgliteDataDir: 'memory://' };
    app = await createApp({ ...config, database }, undefined, localModeExtensions(config));
    await app.listen(0, '127.0.0.1');
    http = request(`http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`);
  });
  afterAll(() => app?.close());

  it('a token signed with the public dev secret gets 401; the same claims signed with JWT_SECRET get the login link', async () => {
    const { userId } = await createCreator(app.get(PrismaClient));

    const dev = await asUser(http, signToken(userId, {}, DEV_JWT_SECRET)).post(ROUTE);
    expectErrorEnvelope(dev, 401, 'auth.unauthorized');

    const configured = await asUser(http, signToken(userId)).post(ROUTE);
    expect(configured.status).toBe(200);
    expect(configured.body.data.url).toMatch(/^https:\/\//);
  });
});
