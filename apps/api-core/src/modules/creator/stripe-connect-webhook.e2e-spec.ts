import { randomUUID } from 'node:crypto';
import { StripeAccountStatus } from '@creator-payouts/prisma';
import { startStripeMock, type StripeMock } from '@creator-payouts/stripe-mock';
import { stripeAccountFields } from '../../../dev/src/connect-events';
import { ACTIVE_ACCOUNT, connectEvent, signed, signedText } from '../../../test/stripe-events';
import { createCreator, expectErrorEnvelope, startTestApp, type TestApp } from '../../../test/test-app';

const WEBHOOK = '/api/v1/webhooks/stripe';
/** A string value that `withNesting` writes as 5,000 nested arrays. */
const NESTED = '5000 nested arrays';
/** The event signed as JSON text, `NESTED` in it written as 5,000 nested arrays (deeper than JSON.stringify goes). */
const withNesting = (event: unknown) => signedText(JSON.stringify(event).replace(`"${NESTED}"`, '['.repeat(5_000) + ']'.repeat(5_000)));

describe('POST /api/v1/webhooks/stripe', () => {
  let t: TestApp;
  const send = (delivery: { body: string; signature?: string }) => {
    const req = t.http.post(WEBHOOK).set('Content-Type', 'application/json');
    return (delivery.signature === undefined ? req : req.set('Stripe-Signature', delivery.signature)).send(delivery.body);
  };
  const profileOf = (userId: string) => t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId } });
  const eventCount = (id: string) => t.prisma.stripeWebhookEvent.count({ where: { id } });
  /** The request's log line: at info level, no error stack (a client's or Stripe's doing, not ours). */
  const quietLogOf = async (res: { headers: Record<string, string> }) => {
    const line = await t.requestLog(res.headers['x-request-id']);
    expect(line.level).toBe(30);
    expect(line).not.toHaveProperty('err');
    return line;
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('account.updated with charges and payouts enabled makes the creator ACTIVE', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    const res = await send(signed(connectEvent('account.updated', creator.stripeAccountId!, { account: ACTIVE_ACCOUNT })));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, data: { received: true } });
    expect(await profileOf(creator.userId)).toMatchObject({ stripeAccountStatus: 'ACTIVE', stripeChargesEnabled: true, stripePayoutsEnabled: true });
  });

  it('a signed event sent as text/plain is verified on its bytes and applied; an unsupported type is refused as a bad request', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    const delivery = signed(connectEvent('account.updated', creator.stripeAccountId!, { account: ACTIVE_ACCOUNT }));
    const asText = await t.http.post(WEBHOOK).set('Content-Type', 'text/plain').set('Stripe-Signature', delivery.signature).send(delivery.body);
    expect(asText.status).toBe(200);
    expect((await profileOf(creator.userId)).stripeAccountStatus).toBe('ACTIVE');

    const asXml = await t.http.post(WEBHOOK).set('Content-Type', 'application/xml').set('Stripe-Signature', delivery.signature).send('<event/>');
    expectErrorEnvelope(asXml, 400, 'common.validation_failed');
    await quietLogOf(asXml);
  });

  it('an event whose metadata holds a "__proto__" key is verified and applied (the webhook body is bytes until then)', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    const event = connectEvent('account.updated', creator.stripeAccountId!, { account: ACTIVE_ACCOUNT, metadata: { note: 'PROTO' } });
    const res = await send(signedText(JSON.stringify(event).replace('{"note":"PROTO"}', '{"__proto__":{"isAdmin":true}}')));
    expect(res.status).toBe(200);
    expect((await profileOf(creator.userId)).stripeAccountStatus).toBe('ACTIVE');
  });

  it('account.updated resolves every status of the table (here: RESTRICTED, then DISABLED)', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    const now = Math.floor(Date.now() / 1000);
    await send(
      signed(connectEvent('account.updated', creator.stripeAccountId!, { created: now - 10, account: { details_submitted: true, charges_enabled: true } })),
    );
    expect(await profileOf(creator.userId)).toMatchObject({ stripeAccountStatus: 'RESTRICTED', stripeChargesEnabled: true, stripePayoutsEnabled: false });
    await send(
      signed(
        connectEvent('account.updated', creator.stripeAccountId!, { created: now, account: { details_submitted: true, disabled_reason: 'rejected.other' } }),
      ),
    );
    expect((await profileOf(creator.userId)).stripeAccountStatus).toBe('DISABLED');
  });

  it('account.application.deauthorized makes the creator DISABLED, nothing enabled', async () => {
    const creator = await createCreator(t.prisma);
    expect((await send(signed(connectEvent('account.application.deauthorized', creator.stripeAccountId!)))).status).toBe(200);
    expect(await profileOf(creator.userId)).toMatchObject({ stripeAccountStatus: 'DISABLED', stripeChargesEnabled: false, stripePayoutsEnabled: false });
  });

  it('a replayed event changes nothing', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    const delivery = signed(connectEvent('account.updated', creator.stripeAccountId!, { account: ACTIVE_ACCOUNT }));
    expect((await send(delivery)).status).toBe(200);
    // Something else changed the row since; the replay must not undo it.
    await t.prisma.creatorProfile.update({ where: { userId: creator.userId }, data: { stripeAccountStatus: StripeAccountStatus.RESTRICTED } });
    const replay = await send(delivery);
    expect(replay.status).toBe(200);
    expect((await profileOf(creator.userId)).stripeAccountStatus).toBe('RESTRICTED');
    expect(await t.requestLog(replay.headers['x-request-id'])).toMatchObject({ webhookOutcome: 'duplicate' });
  });

  it('an event older than the last applied one does not overwrite newer state', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    const now = Math.floor(Date.now() / 1000);
    const newer = connectEvent('account.updated', creator.stripeAccountId!, { created: now, account: ACTIVE_ACCOUNT });
    const older = connectEvent('account.updated', creator.stripeAccountId!, { created: now - 60, account: { details_submitted: false } });
    await send(signed(newer));
    const late = await send(signed(older));
    expect(late.status).toBe(200);
    expect(await profileOf(creator.userId)).toMatchObject({ stripeAccountStatus: 'ACTIVE', stripePayoutsEnabled: true });
    expect(await t.requestLog(late.headers['x-request-id'])).toMatchObject({ webhookOutcome: 'stale' });
  });

  it('an unknown account is acknowledged with 200 and ignored', async () => {
    const res = await send(signed(connectEvent('account.updated', 'acct_nobody_knows_it', { account: ACTIVE_ACCOUNT })));
    expect(res.status).toBe(200);
    expect(await t.prisma.creatorProfile.count({ where: { stripeAccountId: 'acct_nobody_knows_it' } })).toBe(0);
    expect(await t.requestLog(res.headers['x-request-id'])).toMatchObject({ webhookOutcome: 'unknown_account' });
  });

  it('an unknown event type is acknowledged with 200 and ignored', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    const before = await profileOf(creator.userId);
    const res = await send(signed(connectEvent('payout.paid', creator.stripeAccountId!)));
    expect(res.status).toBe(200);
    expect(await profileOf(creator.userId)).toEqual(before);
  });

  describe('400 webhook.invalid_signature, nothing written', () => {
    it.each([
      ['missing signature', (event: object) => ({ ...signed(event), signature: undefined })],
      ['signed with another secret', (event: object) => signed(event, { secret: 'whsec_someone_else' })],
      ['body changed after signing', (event: object) => ({ ...signed(event), body: JSON.stringify({ ...event, type: 'account.updated ' }) })],
      ['timestamp older than the 300 s tolerance', (event: object) => signed(event, { timestamp: Math.floor(Date.now() / 1000) - 301 })],
      ['garbage header', (event: object) => ({ ...signed(event), signature: 't=abc,v1=def' })],
    ])('%s', async (_name, deliver) => {
      const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
      const before = await profileOf(creator.userId);
      const event = connectEvent('account.updated', creator.stripeAccountId!, { account: ACTIVE_ACCOUNT });
      const res = await send(deliver(event));
      expectErrorEnvelope(res, 400, 'webhook.invalid_signature');
      expect(await profileOf(creator.userId)).toEqual(before);
      expect(await eventCount(event.id)).toBe(0);
    });
  });

  it.each([
    ['a timestamp an hour ahead', 3_600],
    ['a timestamp just past the tolerance ahead', 301],
  ])('400 webhook.invalid_signature for %s (the tolerance applies both ways)', async (_name, ahead) => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    const event = connectEvent('account.updated', creator.stripeAccountId!, { account: ACTIVE_ACCOUNT });
    expectErrorEnvelope(await send(signed(event, { timestamp: Math.floor(Date.now() / 1000) + ahead })), 400, 'webhook.invalid_signature');
    expect(await eventCount(event.id)).toBe(0);
    expect((await profileOf(creator.userId)).stripeAccountStatus).toBe('PENDING');
  });

  it('a timestamp a minute ahead (clock skew) is accepted', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    const res = await send(
      signed(connectEvent('account.updated', creator.stripeAccountId!, { account: ACTIVE_ACCOUNT }), { timestamp: Math.floor(Date.now() / 1000) + 60 }),
    );
    expect(res.status).toBe(200);
    expect((await profileOf(creator.userId)).stripeAccountStatus).toBe('ACTIVE');
  });

  describe('400 webhook.invalid_payload for a signed payload that is no well-formed event, nothing written', () => {
    const valid = () => connectEvent('account.updated', 'acct_1MalformedCheck01', { account: ACTIVE_ACCOUNT }) as Record<string, unknown>;
    const without = (field: string) => () => {
      const event = valid();
      delete event[field];
      return event;
    };
    const withAccount = (fields: Record<string, unknown>) => () => {
      const event = valid();
      return { ...event, data: { object: { ...(event.data as { object: object }).object, ...fields } } };
    };
    it.each([
      ['{}', () => ({})],
      ['null', () => null],
      ['[]', () => []],
      ['a string', () => 'account.updated'],
      ['no id', without('id')],
      ['no created', without('created')],
      ['no type', without('type')],
      ['no data', without('data')],
      ['created: 1e15', () => ({ ...valid(), created: 1e15 })],
      ['a numeric id', () => ({ ...valid(), id: 12345 })],
      ['a NUL in the id', () => ({ ...valid(), id: 'evt_\u0000x' })],
      ['data.object not an object', () => ({ ...valid(), data: { object: 'acct_1' } })],
      ['an account without charges_enabled', withAccount({ charges_enabled: undefined })],
      ['an account whose payouts_enabled is a string', withAccount({ payouts_enabled: 'yes' })],
      ['an account id with a NUL', withAccount({ id: 'acct_\u0000' })],
      ['5,000 nested arrays as the id', () => ({ ...valid(), id: NESTED })],
      ['5,000 nested arrays as data', () => ({ ...valid(), data: NESTED })],
      ["5,000 nested arrays as the account's metadata", withAccount({ metadata: NESTED })],
    ])('%s', async (_name, payload) => {
      // On PostgreSQL other test files write events meanwhile: count those this payload could be recorded as.
      const recordable = () => t.prisma.stripeWebhookEvent.count({ where: { OR: [{ accountId: 'acct_1MalformedCheck01' }, { accountId: null }] } });
      const before = await recordable();
      const res = await send(withNesting(payload()));
      expectErrorEnvelope(res, 400, 'webhook.invalid_payload');
      expect(await recordable()).toBe(before);
      await quietLogOf(res);
    });
  });

  describe('properties the webhook does not read, however hostile, change nothing about how an event is handled', () => {
    const withExtra = (event: ReturnType<typeof connectEvent>, where: 'event' | 'account', extra: Record<string, unknown>) =>
      where === 'event' ? { ...event, ...extra } : { ...event, data: { object: { ...event.data.object, ...extra } } };
    it.each([
      ['5,000 nested arrays in the event', 'event', { request: NESTED }],
      ['5,000 nested arrays in the account', 'account', { settings: NESTED }],
      ['a "constructor" key in the account', 'account', { constructor: 'x' }],
      ['an object with a "constructor" key in the event', 'event', { request: { constructor: {} } }],
    ] as const)("%s: an unknown account is ignored (200), a creator's account is applied", async (_name, where, extra) => {
      const unknown = connectEvent('account.updated', 'acct_1HostileNobody001', { account: ACTIVE_ACCOUNT });
      const ignored = await send(withNesting(withExtra(unknown, where, extra)));
      expect(ignored.status).toBe(200);
      expect(await quietLogOf(ignored)).toMatchObject({ webhookOutcome: 'unknown_account' });
      expect(await t.prisma.creatorProfile.count({ where: { stripeAccountId: 'acct_1HostileNobody001' } })).toBe(0);

      const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
      const applied = await send(withNesting(withExtra(connectEvent('account.updated', creator.stripeAccountId!, { account: ACTIVE_ACCOUNT }), where, extra)));
      expect(applied.status).toBe(200);
      expect(await quietLogOf(applied)).toMatchObject({ webhookOutcome: 'applied' });
      expect((await profileOf(creator.userId)).stripeAccountStatus).toBe('ACTIVE');
    });
  });

  describe('metadata.platformUserId that no user id can be names no creator (200, unknown_account)', () => {
    it('a NUL in it (PostgreSQL refuses NUL in text): the creator under way is not linked', async () => {
      const creator = await createCreator(t.prisma, { stripeAccountId: null, stripeAccountStatus: StripeAccountStatus.PENDING });
      await t.prisma.creatorProfile.update({ where: { userId: creator.userId }, data: { stripeAccountIdempotencyKey: 'connect-account-in-flight' } });
      const event = connectEvent('account.updated', 'acct_1NulInMetadata001', {
        account: ACTIVE_ACCOUNT,
        metadata: { platformUserId: `${creator.userId}\u0000` },
      });
      const res = await send(signed(event));
      expect(res.status).toBe(200);
      expect(await quietLogOf(res)).toMatchObject({ webhookOutcome: 'unknown_account' });
      expect(await profileOf(creator.userId)).toMatchObject({ stripeAccountId: null, stripeAccountStatus: 'PENDING' });
    });

    it('a lone surrogate in it (it would reach the database as U+FFFD): the creator whose id has U+FFFD there is not linked', async () => {
      const userId = `user_\uFFFD_${randomUUID()}`;
      await t.prisma.user.create({
        data: {
          id: userId,
          email: `${randomUUID()}@example.com`,
          creatorProfile: { create: { stripeAccountStatus: StripeAccountStatus.PENDING, stripeAccountIdempotencyKey: 'connect-account-in-flight' } },
        },
      });
      const event = connectEvent('account.updated', 'acct_1LoneSurrogate001', {
        account: ACTIVE_ACCOUNT,
        metadata: { platformUserId: userId.replace('\uFFFD', '\uD800') },
      });
      const res = await send(signed(event));
      expect(res.status).toBe(200);
      expect(await quietLogOf(res)).toMatchObject({ webhookOutcome: 'unknown_account' });
      expect(await profileOf(userId)).toMatchObject({ stripeAccountId: null, stripeAccountStatus: 'PENDING' });
    });
  });

  it('an account.updated whose account differs from its object changes nothing', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    const other = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    const event = connectEvent('account.updated', other.stripeAccountId!, { account: ACTIVE_ACCOUNT });
    const res = await send(signed({ ...event, account: creator.stripeAccountId }));
    expect(res.status).toBe(200);
    expect((await profileOf(creator.userId)).stripeAccountStatus).toBe('PENDING');
    expect((await profileOf(other.userId)).stripeAccountStatus).toBe('PENDING');
    expect(await t.requestLog(res.headers['x-request-id'])).toMatchObject({ webhookOutcome: 'ignored' });
  });

  it('is not user-throttled: 15 deliveries in a row all succeed, without rate-limit headers', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    for (let i = 0; i < 15; i += 1) {
      const res = await send(signed(connectEvent('account.updated', creator.stripeAccountId!, { account: ACTIVE_ACCOUNT })));
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });

  it('keeps its own body limit: 413 over 512 KB', async () => {
    const res = await t.http
      .post(WEBHOOK)
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', 't=1,v1=x')
      .send('x'.repeat(600 * 1024));
    expectErrorEnvelope(res, 413, 'common.payload_too_large');
  });

  it('the creator routes still parse JSON normally beside it', async () => {
    const creator = await createCreator(t.prisma);
    const res = await t.as(creator).post('/api/v1/creators/stripe-connect/dashboard-link').set('Content-Type', 'application/json').send('{"oops"');
    expectErrorEnvelope(res, 400, 'common.validation_failed');
  });
});

describe('POST /api/v1/webhooks/stripe without STRIPE_WEBHOOK_SECRET', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ STRIPE_WEBHOOK_SECRET: undefined });
  });
  afterAll(() => t.close());

  it('503 webhook.not_configured, nothing written', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    const event = connectEvent('account.updated', creator.stripeAccountId!, { account: ACTIVE_ACCOUNT });
    const { body, signature } = signed(event);
    const res = await t.http.post(WEBHOOK).set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(body);
    expectErrorEnvelope(res, 503, 'webhook.not_configured');
    expect((await t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.userId } })).stripeAccountStatus).toBe('PENDING');
    expect(await t.prisma.stripeWebhookEvent.count({ where: { id: event.id } })).toBe(0);
  });
});

/** Against the stand-in's stateful mode, which holds each account as it is now (as Stripe does). */
describe("POST /api/v1/webhooks/stripe: event order against Stripe's current state", () => {
  let stripe: StripeMock;
  let t: TestApp;
  const send = (event: object) => {
    const { body, signature } = signed(event);
    return t.http.post(WEBHOOK).set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(body);
  };
  const profileOf = (userId: string) => t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId } });
  const PENDING_ACCOUNT = { details_submitted: false, charges_enabled: false, payouts_enabled: false };

  beforeAll(async () => {
    stripe = await startStripeMock({ stateful: true });
    t = await startTestApp({ STRIPE_API_BASE: stripe.url });
  });
  afterEach(() => stripe.setFault(null));
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  it('two events of the same second: the older one arriving last does not win; the account is fetched as it is now', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    const accountId = creator.stripeAccountId!;
    stripe.putAccount({ id: accountId, ...stripeAccountFields(ACTIVE_ACCOUNT) });
    const second = Math.floor(Date.now() / 1000);

    expect((await send(connectEvent('account.updated', accountId, { created: second, account: ACTIVE_ACCOUNT }))).status).toBe(200);
    const late = await send(connectEvent('account.updated', accountId, { created: second, account: PENDING_ACCOUNT }));

    expect(late.status).toBe(200);
    expect(await profileOf(creator.userId)).toMatchObject({ stripeAccountStatus: 'ACTIVE', stripeChargesEnabled: true, stripePayoutsEnabled: true });
    expect(await t.requestLog(late.headers['x-request-id'])).toMatchObject({ webhookOutcome: 'applied_current' });
    expect(stripe.requests.at(-1)).toMatchObject({ method: 'GET', path: `/v1/accounts/${accountId}` });
  });

  it('same second and Stripe unreachable: 503, nothing written or recorded, so Stripe delivers it again; the redelivery applies', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    const accountId = creator.stripeAccountId!;
    stripe.putAccount({ id: accountId, ...stripeAccountFields(ACTIVE_ACCOUNT) });
    const second = Math.floor(Date.now() / 1000);
    await send(connectEvent('account.updated', accountId, { created: second, account: PENDING_ACCOUNT }));
    const tie = connectEvent('account.updated', accountId, { created: second, account: ACTIVE_ACCOUNT });

    stripe.setFault('server_error', { operation: 'retrieveAccount' });
    const refused = await send(tie);
    expectErrorEnvelope(refused, 503, 'common.service_unavailable');
    expect(await t.prisma.stripeWebhookEvent.count({ where: { id: tie.id } })).toBe(0);
    expect((await profileOf(creator.userId)).stripeAccountStatus).toBe('PENDING');

    stripe.setFault(null);
    expect((await send(tie)).status).toBe(200);
    expect((await profileOf(creator.userId)).stripeAccountStatus).toBe('ACTIVE');
  });

  it("an event before initiate stored the account id is not lost: the account's metadata names the creator", async () => {
    // The creator's initiate holds the claim; Stripe has created the account and already reports it.
    const creator = await createCreator(t.prisma, { stripeAccountId: null, stripeAccountStatus: StripeAccountStatus.PENDING });
    await t.prisma.creatorProfile.update({ where: { userId: creator.userId }, data: { stripeAccountIdempotencyKey: 'connect-account-in-flight' } });
    const accountId = 'acct_1EarlyEvent000001';
    const event = connectEvent('account.updated', accountId, { account: { details_submitted: true }, metadata: { platformUserId: creator.userId } });

    const res = await send(event);

    expect(res.status).toBe(200);
    expect(await profileOf(creator.userId)).toMatchObject({ stripeAccountId: accountId, stripeAccountStatus: 'RESTRICTED' });
    expect(await t.requestLog(res.headers['x-request-id'])).toMatchObject({ webhookOutcome: 'applied' });
  });

  it('an account whose metadata names a creator who never asked for one (no creation under way) is not linked', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountId: null });
    const res = await send(
      connectEvent('account.updated', 'acct_1NeverAskedFor001', { account: ACTIVE_ACCOUNT, metadata: { platformUserId: creator.userId } }),
    );
    expect(res.status).toBe(200);
    expect(await profileOf(creator.userId)).toMatchObject({ stripeAccountId: null, stripeAccountStatus: 'NOT_STARTED' });
  });

  it('an account whose metadata names a creator who already has another account changes nothing', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    const res = await send(
      connectEvent('account.updated', 'acct_1SomeOtherAcct0001', { account: ACTIVE_ACCOUNT, metadata: { platformUserId: creator.userId } }),
    );
    expect(res.status).toBe(200);
    expect(await profileOf(creator.userId)).toMatchObject({ stripeAccountId: creator.stripeAccountId, stripeAccountStatus: 'PENDING' });
    expect(await t.requestLog(res.headers['x-request-id'])).toMatchObject({ webhookOutcome: 'unknown_account' });
  });

  it('after account.application.deauthorized no account.updated counts, even of a later second', async () => {
    const creator = await createCreator(t.prisma);
    const second = Math.floor(Date.now() / 1000);
    await send(connectEvent('account.application.deauthorized', creator.stripeAccountId!, { created: second - 5 }));
    const later = await send(connectEvent('account.updated', creator.stripeAccountId!, { created: second, account: ACTIVE_ACCOUNT }));
    expect(later.status).toBe(200);
    expect(await profileOf(creator.userId)).toMatchObject({ stripeAccountStatus: 'DISABLED', stripeChargesEnabled: false });
  });
});
