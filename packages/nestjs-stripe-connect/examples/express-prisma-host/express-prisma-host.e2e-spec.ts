import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Database, openDatabase } from '@creator-payouts/prisma';
import { startStripeMock, type StripeMock } from '@creator-payouts/stripe-mock';
import Stripe from 'stripe';
import request from 'supertest';
import { API_KEYS, createHost } from './host.module';

const WEBHOOK_SECRET = 'whsec_minimal_host_endpoint';
const FRAGMENT_SQL = readFileSync(join(__dirname, '../../prisma/stripe-connect.sql'), 'utf8');
/** The host's own table, written by the host (the fragment's CreatorProfile refers to it). */
const HOST_USER_SQL = `CREATE TABLE "User" ("id" TEXT PRIMARY KEY, "email" TEXT NOT NULL UNIQUE, "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, "updatedAt" TIMESTAMP(3) NOT NULL)`;

async function runSql(database: Database, sql: string): Promise<void> {
  const statements = sql
    .split(/;\s*$/m)
    .map((statement) => statement.replace(/^--.*$/gm, '').trim())
    .filter(Boolean);
  for (const statement of statements) await database.prisma.$executeRawUnsafe(statement);
}

/** The fragment's tables as PostgreSQL describes them: columns (type, nullability, default) and indexes. */
async function describeTables(database: Database): Promise<{ columns: unknown[]; indexes: unknown[] }> {
  const columns = await database.prisma.$queryRawUnsafe<unknown[]>(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default FROM information_schema.columns
     WHERE table_name IN ('CreatorProfile', 'StripeWebhookEvent') ORDER BY table_name, column_name`,
  );
  const indexes = await database.prisma.$queryRawUnsafe<unknown[]>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('CreatorProfile', 'StripeWebhookEvent') ORDER BY indexname`,
  );
  return { columns, indexes };
}

/**
 * A minimal Express host: the shipped Prisma store on a database made from the package's fragment SQL and the
 * host's own User table, `forRoot` with plain values, Accounts v1 and a snapshot event.
 */
describe('Example host: Express, the shipped Prisma store and fragment', () => {
  let stripe: StripeMock;
  let database: Database;
  let app: NestExpressApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    stripe = await startStripeMock({ stateful: true, accountsV1: true });
    database = openDatabase({ pgliteDataDir: 'memory://' });
    await runSql(database, HOST_USER_SQL);
    await runSql(database, FRAGMENT_SQL);
    app = await createHost({ prisma: database.prisma, stripeApiBase: stripe.url, webhookSecret: WEBHOOK_SECRET, rawBody: true });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    await stripe.close();
  });

  it("the fragment's SQL makes the tables our migrations make", async () => {
    const migrated = openDatabase({ pgliteDataDir: 'memory://' });
    try {
      await migrated.migrate();
      const fromFragment = await describeTables(database);
      // 13 columns of CreatorProfile and 5 of StripeWebhookEvent; their keys, unique and lookup indexes.
      expect([fromFragment.columns.length, fromFragment.indexes.length]).toEqual([18, 5]);
      expect(fromFragment).toEqual(await describeTables(migrated));
    } finally {
      await migrated.close();
    }
  });

  it('initiate (v1) → account.updated → ACTIVE → dashboard link, through the Prisma store', async () => {
    await database.prisma.user.create({ data: { id: 'host-user-1', email: 'one@minimal.example.com', updatedAt: new Date() } });
    await database.prisma.creatorProfile.create({ data: { userId: 'host-user-1', kycStatus: 'APPROVED' } });
    API_KEYS.set('key-of-user-1', 'host-user-1');
    const auth = { 'X-Api-Key': 'key-of-user-1' };

    const initiated = await http().post('/creators/stripe-connect/initiate').set(auth);
    expect(initiated.status).toBe(201);
    const accountId: string = initiated.body.data.accountId;
    expect(stripe.requests.some((req) => req.method === 'POST' && req.path === '/v1/accounts')).toBe(true);
    expect(await database.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: 'host-user-1' } })).toMatchObject({
      stripeAccountId: accountId,
      stripeAccountApi: 'V1',
      stripeAccountStatus: 'PENDING',
    });

    stripe.putAccount({
      id: accountId,
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      requirements: { disabled_reason: null, currently_due: [] },
    });
    const account = stripe.accounts.get(accountId)!;
    const payload = JSON.stringify({
      id: 'evt_minimal_1',
      object: 'event',
      type: 'account.updated',
      created: Math.floor(Date.now() / 1000),
      account: accountId,
      data: { object: account },
    });
    const hook = await http()
      .post('/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }))
      .send(payload);
    expect(hook.status).toBe(200);
    expect(await database.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: 'host-user-1' } })).toMatchObject({ stripeAccountStatus: 'ACTIVE' });
    expect(await database.prisma.stripeWebhookEvent.count({ where: { id: 'evt_minimal_1' } })).toBe(1);

    const link = await http().post('/creators/stripe-connect/dashboard-link').set(auth);
    expect(link.status).toBe(200);
    expect(link.body.data.url).toMatch(/^https?:\/\//);
  });

  it('a host that parses JSON without rawBody: true gets a 500 whose logged error says what to turn on, not a signature failure', async () => {
    const errors: string[] = [];
    const logger = { log() {}, warn() {}, error: (message: unknown) => void errors.push(String(message)) };
    const withoutRawBody = await createHost({ prisma: database.prisma, stripeApiBase: stripe.url, webhookSecret: WEBHOOK_SECRET, rawBody: false }, logger);
    try {
      const payload = JSON.stringify({ id: 'evt_minimal_2', object: 'event', type: 'account.updated', created: 1, data: { object: { id: 'acct_x' } } });
      const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
      for (let i = 0; i < 2; i += 1) {
        const res = await request(withoutRawBody.getHttpServer())
          .post('/webhooks/stripe')
          .set('Content-Type', 'application/json')
          .set('Stripe-Signature', signature)
          .send(payload);
        expect(res.status).toBe(500);
        expect(res.body.error.i18nKey).toBe('common.internal_error');
      }
      expect(errors.filter((line) => line.includes('create the app with NestFactory.create(AppModule, { rawBody: true })'))).toHaveLength(2);
    } finally {
      await withoutRawBody.close();
    }
  });
});
