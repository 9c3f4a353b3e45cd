import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startStripeMock, type StripeMock, v2AccountFields } from '@creator-payouts/stripe-mock';
import Stripe from 'stripe';
import request from 'supertest';
import { createHost, PayoutNotifications } from './host.module';
import { MembersDatabase } from './members-database';

const WEBHOOK_SECRET = 'whsec_example_host_destination';
const ROUTES = '/payouts/creators/stripe-connect';
const RECIPIENT_CHANGED = 'v2.core.account[configuration.recipient].capability_status_updated';

/**
 * A host unlike ours: Fastify, opaque sessions in its own member table (numeric ids), its own account store, its own
 * global ThrottlerGuard and error format. The module must work through it end to end, and leave its routes alone.
 */
describe('Example host: Fastify, its own auth, store, throttler and error format', () => {
  let stripe: StripeMock;
  let app: NestFastifyApplication;
  let db: MembersDatabase;
  let notifications: PayoutNotifications;
  let nextId = 40;
  const errorsLogged: string[] = [];
  const logger = { log() {}, warn() {}, error: (message: unknown) => void errorsLogged.push(String(message)) };
  const http = () => request(app.getHttpServer());
  const session = (token: string) => ({ Authorization: `Session ${token}` });
  const seller = () => {
    const id = (nextId += 1);
    return { id, token: db.addMember({ id, handle: `maker${id}`, email: `maker${id}@shop.example.com`, seller: true }) };
  };
  const deliver = (event: Record<string, unknown>) => {
    const payload = JSON.stringify(event);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    return http().post('/payouts/webhooks/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(payload);
  };

  beforeAll(async () => {
    stripe = await startStripeMock({ stateful: true });
    app = await createHost({ stripeApiBase: stripe.url, webhookSecret: WEBHOOK_SECRET }, logger);
    db = app.get(MembersDatabase);
    notifications = app.get(PayoutNotifications);
  });
  afterAll(async () => {
    await app.close();
    await stripe.close();
  });

  it('the whole journey: initiate (v2) → thin event → ACTIVE → dashboard link; the hooks hear of it', async () => {
    const maker = seller();
    const initiated = await http().post(`${ROUTES}/initiate`).set(session(maker.token));
    expect(initiated.status).toBe(201);
    expect(initiated.body).toEqual({
      success: true,
      data: { accountId: expect.stringMatching(/^acct_/), onboardingUrl: expect.stringMatching(/^https?:\/\//) },
    });
    const accountId: string = initiated.body.data.accountId;
    // The account was made for the host's member id, with the member's email, on Accounts v2.
    const creation = stripe.requests.find((req) => req.method === 'POST' && req.path === '/v2/core/accounts' && req.body.includes(`maker${maker.id}@`));
    expect(JSON.parse(creation!.body)).toMatchObject({ contact_email: `maker${maker.id}@shop.example.com`, metadata: { platformUserId: String(maker.id) } });
    expect(db.payoutAccounts.get(maker.id)).toMatchObject({ connectAccount: accountId, connectApi: 'V2', state: 'PENDING' });

    const early = await http().post(`${ROUTES}/dashboard-link`).set(session(maker.token));
    expect(early.status).toBe(400);
    expect(early.body.error).toMatchObject({ i18nKey: 'creator.stripe.not_active', code: 'STRIPE_ACCOUNT_NOT_ACTIVE' });

    stripe.putAccount({ id: accountId, ...v2AccountFields('active') });
    const hook = await deliver(stripe.thinEvent(RECIPIENT_CHANGED, accountId));
    expect(hook.status).toBe(200);
    expect(hook.body).toEqual({ success: true, data: { received: true } });
    expect(db.payoutAccounts.get(maker.id)).toMatchObject({ state: 'ACTIVE', payouts: true });
    expect(notifications.changes).toContainEqual({ userId: String(maker.id), accountId, from: 'PENDING', to: 'ACTIVE' });
    expect(notifications.ready).toContain(String(maker.id));

    const status = await http().get(`${ROUTES}/status`).set(session(maker.token));
    expect(status.body.data).toMatchObject({ stripeAccountId: accountId, stripeAccountStatus: 'ACTIVE', payoutsEnabled: true, detailsSubmitted: true });
    const link = await http().post(`${ROUTES}/dashboard-link`).set(session(maker.token));
    expect(link.status).toBe(200);
    expect(link.body.data.url).toMatch(/^https?:\/\//);
    expect(link.headers['cache-control']).toBe('no-store');
  });

  it("the module's rate limit (10 per hour per member and route) holds beside the host's own ThrottlerGuard", async () => {
    const maker = seller();
    const answers = [];
    for (let i = 0; i < 11; i += 1) answers.push(await http().get(`${ROUTES}/status`).set(session(maker.token)));
    expect(answers.slice(0, 10).map((res) => res.status)).toEqual(Array(10).fill(200));
    expect(answers[9].headers['x-ratelimit-remaining']).toBe('0');
    const refused = answers[10];
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ i18nKey: 'common.rate_limited', code: 'RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3_500);
    // Another member, and the host's own route, are not limited by it.
    expect((await http().get(`${ROUTES}/status`).set(session(seller().token))).status).toBe(200);
    expect((await http().get('/me').set(session(maker.token))).status).toBe(200);
  });

  it('the webhook is never user-throttled: 12 deliveries in a row are all handled', async () => {
    const statuses = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await deliver(stripe.thinEvent('v2.core.account.updated', `acct_nobody${i}`))).status);
    expect(statuses).toEqual(Array(12).fill(200));
  });

  it("errors: the module's routes answer in the envelope, in the caller's language; the host's routes keep the host's format", async () => {
    const unauthenticated = await http().post(`${ROUTES}/dashboard-link`).set('Accept-Language', 'tr');
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.body).toEqual({
      success: false,
      error: {
        code: 'UNAUTHORIZED',
        i18nKey: 'auth.unauthorized',
        message: 'Kimlik doğrulaması gerekli. Lütfen yeniden giriş yapın.',
        correlationId: expect.any(String),
      },
    });
    // The caller's correlation id is kept and echoed, as on Express.
    const traced = await http().post(`${ROUTES}/dashboard-link`).set('X-Request-Id', 'host-trace-0001');
    expect([traced.body.error.correlationId, traced.headers['x-request-id']]).toEqual(['host-trace-0001', 'host-trace-0001']);
    const notASeller = await http()
      .get(`${ROUTES}/status`)
      .set(session(db.addMember({ id: 7, handle: 'fan', email: 'fan@shop.example.com', seller: false })));
    expect(notASeller.status).toBe(404);
    expect(notASeller.body.error.i18nKey).toBe('creator.stripe.not_creator');
    const withBody = await http().post(`${ROUTES}/dashboard-link`).set(session(seller().token)).send({ amount: 5 });
    expect(withBody.status).toBe(400);
    expect(withBody.body.error).toMatchObject({
      i18nKey: 'common.validation_failed',
      details: [{ field: 'amount', message: 'property amount should not exist' }],
    });
    const badSignature = await http().post('/payouts/webhooks/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', 't=1,v1=00').send('{}');
    expect(badSignature.status).toBe(400);
    expect(badSignature.body.error.i18nKey).toBe('webhook.invalid_signature');

    const hostRoute = await http().get('/me');
    expect(hostRoute.status).toBe(401);
    expect(hostRoute.body).toEqual({ error: 'please sign in', statusCode: 401 });
    const unknown = await http().get('/nothing-here');
    expect(unknown.body).toEqual({ error: 'oops', statusCode: 404 });
  });

  it('a hook that throws is logged and loses nothing: the event is stored, the webhook answers 200', async () => {
    const maker = seller();
    const accountId = (await http().post(`${ROUTES}/initiate`).set(session(maker.token))).body.data.accountId as string;
    stripe.putAccount({ id: accountId, ...v2AccountFields('active') });
    notifications.failing = true;
    try {
      const event = stripe.thinEvent(RECIPIENT_CHANGED, accountId);
      const hook = await deliver(event);
      expect(hook.status).toBe(200);
      expect(db.payoutAccounts.get(maker.id)?.state).toBe('ACTIVE');
      expect(db.webhookEvents.has(event.id)).toBe(true);
      expect(errorsLogged).toEqual(
        expect.arrayContaining([
          'The statusChanged hook failed: the notification service is down',
          'The accountReady hook failed: the notification service is down',
        ]),
      );
    } finally {
      notifications.failing = false;
    }
  });

  it('a hook that never finishes holds the answer for its timeout only: the webhook answers 200, the change stored', async () => {
    const maker = seller();
    const accountId = (await http().post(`${ROUTES}/initiate`).set(session(maker.token))).body.data.accountId as string;
    stripe.putAccount({ id: accountId, ...v2AccountFields('active') });
    notifications.hanging = true;
    try {
      const hook = await deliver(stripe.thinEvent(RECIPIENT_CHANGED, accountId));
      expect(hook.status).toBe(200);
      expect(db.payoutAccounts.get(maker.id)?.state).toBe('ACTIVE');
      expect(errorsLogged).toContain('The statusChanged hook was still running after 300 ms: answered without it');
      // The next hook still ran.
      expect(notifications.ready).toContain(String(maker.id));
    } finally {
      notifications.hanging = false;
    }
  });
});
