import { connect, type Socket } from 'node:net';
import { StripeAccountStatus } from '@creator-payouts/prisma';
import { startStripeMock, type StripeMock } from '@creator-payouts/stripe-mock';
import { ACTIVE_ACCOUNT, connectEvent, signed } from '../../../test/stripe-events';
import { createCreator, startTestApp, type TestApp } from '../../../test/test-app';

const REQUEST_TIMEOUT_MS = 2_000;
const HEADERS_TIMEOUT_MS = 1_000;
// Long enough that the test's own half-second pause never reaches it on a busy machine.
const KEEP_ALIVE_TIMEOUT_MS = 3_000;
/** Node checks deadlines once a second (app.factory.ts), plus scheduling slack on a busy machine. */
const CHECK_SLACK_MS = 3_000;

/** What a raw connection received, and when it was closed (ms after it opened). */
interface RawExchange {
  socket: Socket;
  received(): string;
  /** When (Date.now()) the connection had received `count` answers; rejects if it closes first. */
  answered(count: number): Promise<number>;
  closed: Promise<number>;
}

function openRaw(port: number): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const opened = Date.now();
    let data = '';
    const socket = connect(port, '127.0.0.1');
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', () => undefined); // a reset after the server gives up is part of being cut
    const closed = new Promise<number>((done) => socket.on('close', () => done(Date.now() - opened)));
    // Status lines: the answers here are small and come whole.
    const answers = () => data.match(/HTTP\/1\.1 \d{3} /g)?.length ?? 0;
    const answered = (count: number) =>
      new Promise<number>((done, fail) => {
        const check = () => {
          if (answers() < count) return;
          socket.off('data', check);
          done(Date.now());
        };
        socket.on('data', check);
        socket.once('close', () => fail(new Error(`closed after ${answers()} answers, ${count} expected`)));
        check();
      });
    socket.once('connect', () => resolve({ socket, received: () => data, answered, closed }));
    socket.once('error', reject);
  });
}

/** Writes `text` one byte at a time, `everyMs` apart, until it is all sent or the socket is closed. */
async function dribble(socket: Socket, text: string, everyMs: number): Promise<void> {
  for (const byte of text) {
    if (socket.destroyed || !socket.writable) return;
    socket.write(byte);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * Slow clients (slowloris, a stalled upload): a request whose headers or body
 * have not arrived by their deadline is answered 408 and its connection closed;
 * a request that arrived in time is never cut, however long it takes to handle.
 */
describe('slow clients', () => {
  let stripe: StripeMock;
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    stripe = await startStripeMock();
    t = await startTestApp({
      STRIPE_API_BASE: stripe.url,
      STRIPE_TIMEOUT_MS: '10000',
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_TIMEOUT_MS),
    });
    port = (t.app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  it('a signed webhook whose body trickles in one byte at a time is cut with 408 at the request deadline, and never applied', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    const delivery = signed(connectEvent('account.updated', creator.stripeAccountId!, { account: ACTIVE_ACCOUNT }));
    const eventId = (JSON.parse(delivery.body) as { id: string }).id;
    const raw = await openRaw(port);
    raw.socket.write(
      'POST /api/v1/webhooks/stripe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Request-Id: slow-webhook-1\r\n' +
        `Stripe-Signature: ${delivery.signature}\r\nContent-Length: ${Buffer.byteLength(delivery.body)}\r\n\r\n`,
    );
    // Fully sent, the body would take minutes: the client that held a connection for 313 s.
    void dribble(raw.socket, delivery.body, 250);

    const closedAfter = await raw.closed;
    // As Node answers it: a status line, no body.
    expect(raw.received()).toBe('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
    expect(closedAfter).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS);
    expect(closedAfter).toBeLessThan(REQUEST_TIMEOUT_MS + CHECK_SLACK_MS);
    expect((await t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.userId } })).stripeAccountStatus).toBe('PENDING');
    expect(await t.prisma.stripeWebhookEvent.count({ where: { id: eventId } })).toBe(0);
    // One line for it, saying what the client got.
    await t.requestLog('slow-webhook-1');
    const lines = t.logs.filter((entry) => entry.correlationId === 'slow-webhook-1');
    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: 'request aborted', res: { statusCode: 408 } })]);
  });

  it('headers that trickle in are cut with 408 at the (shorter) headers deadline', async () => {
    const raw = await openRaw(port);
    void dribble(raw.socket, 'GET /api/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ' + 'x'.repeat(100), 100);

    const closedAfter = await raw.closed;
    expect(raw.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(closedAfter).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS);
    expect(closedAfter).toBeLessThan(HEADERS_TIMEOUT_MS + CHECK_SLACK_MS);
  });

  it('a body that arrives slowly but within the deadline is handled as usual', async () => {
    const raw = await openRaw(port);
    const body = '{"id":"evt_slow"}';
    raw.socket.write(
      'POST /api/v1/webhooks/stripe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        `Stripe-Signature: t=1,v1=forged\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
    );
    await dribble(raw.socket, body, 50);
    await raw.closed;
    // Read to the end: the signature check answered, not the deadline.
    expect(raw.received()).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(raw.received()).toContain('"i18nKey":"webhook.invalid_signature"');
  });

  it('a request that takes longer than the deadline to handle (a slow Stripe) is not cut', async () => {
    const creator = await createCreator(t.prisma);
    stripe.setFault({ delayMs: REQUEST_TIMEOUT_MS + 1_500 });
    try {
      const res = await t.as(creator).post('/api/v1/creators/stripe-connect/dashboard-link');
      expect(res.status).toBe(200);
      expect(res.body.data.url).toMatch(/^https:\/\//);
    } finally {
      stripe.setFault(null);
    }
  });

  it('an idle keep-alive connection is closed after KEEP_ALIVE_TIMEOUT_MS, not before', async () => {
    const raw = await openRaw(port);
    raw.socket.write('GET /api/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await raw.answered(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(raw.socket.destroyed).toBe(false);
    // Still usable for a second request within the idle time; the idle time starts again from its answer.
    raw.socket.write('GET /api/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const answeredAt = await raw.answered(2);
    expect(raw.received().match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);

    await raw.closed;
    const idleFor = Date.now() - answeredAt;
    // The server's idle timer starts as it sends the answer, a little before it arrives here.
    expect(idleFor).toBeGreaterThanOrEqual(KEEP_ALIVE_TIMEOUT_MS - 100);
    expect(idleFor).toBeLessThan(KEEP_ALIVE_TIMEOUT_MS + CHECK_SLACK_MS);
  });
});
