import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { KycStatus, PrismaClient, StripeAccountApi, StripeAccountStatus, type Database } from '@creator-payouts/prisma';
import jwt, { type SignOptions } from 'jsonwebtoken';
import { Client } from 'pg';
import request, { type Test as SupertestRequest } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { APP_OPTIONS, configureApp, createAdapter, createApp, createInstruments } from '../src/app.factory';
import { AppModule } from '../src/app.module';
import { DATABASE } from '../src/common/database/database.module';
import { type AppConfig, loadConfig } from '../src/common/config/app-config';

export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-characters-long';
export const TEST_WEBHOOK_SECRET = 'whsec_test_secret';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  http: TestAgent;
  /** Requests as a signed-in user (a creator fixture or a token): `t.as(creator).post(ROUTE)`. */
  as(user: SignedInUser): UserRequests;
  prisma: PrismaClient;
  /** Every JSON log line the apps of this test file wrote, parsed. */
  logs: Record<string, unknown>[];
  /** The raw log output, to search for things that must never be logged. */
  rawLogs(): string;
  /** The request's log line (written when the response finishes, so it may trail the response a little). */
  requestLog(correlationId: string): Promise<Record<string, unknown>>;
  /** Takes the database away under the running app (needs `ownDatabase`). */
  breakDatabase(): Promise<void>;
  close(): Promise<void>;
}

// Every app a test file starts gets its own logger on this one sink (and nestjs-pino's root, for lines outside a request, is the first app's), so
// tests find their lines by correlation id.
const chunks: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    chunks.push(chunk.toString('utf8'));
    done();
  },
});

/**
 * The real app (all guards, filters, throttler, logger) as `main.ts` builds it,
 * listening on 127.0.0.1, on the database the run selected (DATABASE_URL, or
 * a fresh in-memory PGlite) and the stripe-mock chosen by the global setup.
 * `ownDatabase` gives a PostgreSQL run a database of its own (PGlite always has one).
 * `databaseOf` makes it a second instance on another app's database: its own
 * pool on PostgreSQL; on PGlite, which one process opens once, the same database.
 */
export async function startTestApp(
  env: Record<string, string | undefined> = {},
  options: { ownDatabase?: boolean; databaseOf?: TestApp } = {},
): Promise<TestApp> {
  const ownDatabase = options.ownDatabase && process.env.DATABASE_URL ? await createPostgresDatabase(process.env.DATABASE_URL) : undefined;
  const shared = options.databaseOf;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    JWT_SECRET: TEST_JWT_SECRET,
    DATABASE_URL: shared ? shared.config.database.url : (ownDatabase?.url ?? process.env.DATABASE_URL),
    PGLITE_DATA_DIR: 'memory://',
    STRIPE_SECRET_KEY: 'sk_test_123',
    STRIPE_API_BASE: process.env.STRIPE_MOCK_URL,
    STRIPE_MAX_NETWORK_RETRIES: '0',
    STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    STRIPE_CONNECT_REFRESH_URL: 'https://creators.example.com/payouts?stripe=refresh',
    STRIPE_CONNECT_RETURN_URL: 'https://creators.example.com/payouts?stripe=return',
    ...env,
  });
  const app = shared && !shared.config.database.url ? await createAppOnDatabase(config, shared.app.get<Database>(DATABASE)) : await createApp(config, sink);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const readLogs = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const http = request(`http://127.0.0.1:${port}`);
  return {
    app,
    config,
    http,
    as: (user) => asUser(http, user),
    prisma: app.get(PrismaClient),
    get logs() {
      return readLogs();
    },
    rawLogs: () => chunks.join(''),
    async requestLog(correlationId) {
      // Returns as soon as the line is there; the bound is only for a line that never comes (a busy machine can take seconds).
      for (let attempt = 0; attempt < 1_000; attempt += 1) {
        const line = readLogs().find((entry) => entry.correlationId === correlationId && 'responseTime' in entry);
        if (line) return line;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`no request log line for ${correlationId}`);
    },
    async breakDatabase() {
      if (ownDatabase) await ownDatabase.drop();
      else await app.get<Database>(DATABASE).close();
    },
    async close() {
      await app.close();
      await ownDatabase?.drop();
    },
  };
}

/** The app on an embedded database another app of the test opened, and closes: this one leaves it open. */
async function createAppOnDatabase(config: AppConfig, database: Database): Promise<NestFastifyApplication> {
  const instruments = createInstruments(config, sink);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config, instruments)] })
    .overrideProvider(DATABASE)
    .useValue({ ...database, close: () => Promise.resolve() })
    .compile();
  return configureApp(moduleRef.createNestApplication<NestFastifyApplication>(createAdapter(config, instruments), APP_OPTIONS), config);
}

/** A throwaway database beside the run's PostgreSQL database, for a test that damages its schema. */
async function createPostgresDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `test_${randomUUID().replace(/-/g, '')}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export function signToken(sub: string | undefined, options: SignOptions = {}, secret: jwt.Secret = TEST_JWT_SECRET): string {
  return jwt.sign(sub === undefined ? {} : { sub }, secret, { algorithm: 'HS256', expiresIn: 300, ...options });
}

/** Who a request is sent as: a fixture with its token, or the token itself. */
export type SignedInUser = { token: string } | string;

/** The requests of one signed-in user: each carries `Authorization: Bearer <token>`. */
export interface UserRequests {
  get(path: string): SupertestRequest;
  post(path: string): SupertestRequest;
}

/** Requests as `user` on any supertest client (a TestApp has it as `t.as(user)`). */
export function asUser(http: TestAgent, user: SignedInUser): UserRequests {
  const token = typeof user === 'string' ? user : user.token;
  return {
    get: (path) => http.get(path).auth(token, { type: 'bearer' }),
    post: (path) => http.post(path).auth(token, { type: 'bearer' }),
  };
}

export interface CreatorFixture {
  userId: string;
  token: string;
  stripeAccountId: string | null;
}

/** A user with (unless `profile: null`) a creator profile; unique ids so test files can share a database. */
export async function createCreator(
  prisma: PrismaClient,
  profile: {
    stripeAccountId?: string | null;
    stripeAccountStatus?: StripeAccountStatus;
    /** The Accounts API that made the account: v1 unless told (as every account stored before v2 was). */
    stripeAccountApi?: StripeAccountApi;
    kycStatus?: KycStatus;
  } | null = {},
): Promise<CreatorFixture> {
  const userId = `user_${randomUUID()}`;
  const stripeAccountId =
    profile && profile.stripeAccountId !== null ? (profile.stripeAccountId ?? `acct_${randomUUID().replace(/-/g, '').slice(0, 16)}`) : null;
  const status = profile?.stripeAccountStatus ?? (stripeAccountId ? StripeAccountStatus.ACTIVE : StripeAccountStatus.NOT_STARTED);
  await prisma.user.create({
    data: {
      id: userId,
      email: `${userId}@example.com`,
      ...(profile && {
        creatorProfile: {
          create: {
            stripeAccountId,
            stripeAccountStatus: status,
            stripeAccountApi: stripeAccountId ? (profile.stripeAccountApi ?? StripeAccountApi.V1) : null,
            stripeChargesEnabled: status === StripeAccountStatus.ACTIVE,
            stripePayoutsEnabled: status === StripeAccountStatus.ACTIVE,
            kycStatus: profile.kycStatus ?? KycStatus.APPROVED,
          },
        },
      }),
    },
  });
  return { userId, token: signToken(userId), stripeAccountId };
}

/** Asserts the error envelope of the contract, with the correlation id of the X-Request-Id header. */
export function expectErrorEnvelope(res: { status: number; body: unknown; headers: Record<string, string> }, status: number, i18nKey: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual({
    success: false,
    error: expect.objectContaining({
      i18nKey,
      code: expect.stringMatching(/^[A-Z_]+$/),
      message: expect.any(String),
      correlationId: res.headers['x-request-id'],
    }),
  });
}
