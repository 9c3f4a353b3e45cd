import { connect } from 'node:net';
import { seededRandom } from '../../../test/random';
import { createCreator, expectErrorEnvelope, startTestApp, type TestApp } from '../../../test/test-app';

const REQUESTS = 400;
const CREATOR_POST_ROUTES = ['dashboard-link', 'initiate', 'refresh-link'].map((route) => `/api/v1/creators/stripe-connect/${route}`);

interface RawAnswer {
  status: number;
  headers: string;
  body: string;
}

/** Sends bytes as they are (no client normalising them) and reads the answer until the server closes. */
function sendRaw(port: number, request: Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer within 5 s')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head, ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, headers: head, body: rest.join('\r\n\r\n') });
    });
    // Written, not ended: a half-closed client may lose its answer. `Connection: close` makes the server close.
    socket.write(request);
  });
}

describe('HTTP surface fuzz (bounded, loopback only)', () => {
  let t: TestApp;
  let port: number;
  let validToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    port = (t.app.getHttpServer().address() as { port: number }).port;
    validToken = (await createCreator(t.prisma)).token;
  });
  afterAll(() => t.close());

  it(`${REQUESTS} malformed or odd requests: no 5xx, envelopes where the app answers, and the server stays up`, async () => {
    const next = seededRandom(42);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const junk = (length: number) => Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)));
    const token = (length: number) => Array.from({ length }, () => pick('abcdefghijklmnopqrstuvwxyz0123456789-_.'.split(''))).join('');

    const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'FOO', 'CONNECT'];
    const paths = [
      () => '/api/v1/creators/stripe-connect/dashboard-link',
      () => '/api/v1/creators/stripe-connect/status',
      () => '/api/v1/webhooks/stripe',
      () => '/api/health/ready',
      () => '/api/v1/creators/stripe-connect/%C3%28',
      () => '/api/v1/%FF%FE/../..//x',
      () => `/api/v1/${'a'.repeat(8_000 + Math.floor(next() * 4_000))}`,
      () => `/api/v1/creators?${token(50)}=%E0%A4%A`,
      () => `/${token(20)}/${token(20)}`,
    ];
    const authorizations = [
      () => `Bearer ${validToken}`,
      () => `Bearer ${token(40)}.${token(80)}.${token(40)}`,
      () => `Bearer ${'x'.repeat(20_000)}`,
      () => `Basic ${junk(30).toString('base64')}`,
      () =>
        `Bearer ${junk(40)
          .toString('latin1')
          .replace(/[\r\n]/g, '')}`,
      () => 'Bearer',
      () => '',
    ];
    const contentTypes = [
      'application/json',
      'application/x-www-form-urlencoded',
      'text/plain',
      'application/json; charset=utf-16',
      'multipart/form-data; boundary=x',
      '',
    ];

    const answers: { status: number; request: string }[] = [];
    for (let i = 0; i < REQUESTS; i += 1) {
      const method = pick(methods);
      const path = pick(paths)();
      const headers: string[] = [`Host: 127.0.0.1:${port}`, 'Connection: close'];
      if (next() < 0.8) headers.push(`Authorization: ${pick(authorizations)()}`);
      if (next() < 0.3)
        headers.push(
          `X-Request-Id: ${pick([
            token(20),
            'bad id',
            junk(10)
              .toString('latin1')
              .replace(/[\r\n]/g, ''),
          ])}`,
        );
      if (next() < 0.3) headers.push(`Accept-Language: ${pick(['tr', 'xx-YY', '*', ';;;q=oops', 'tr;q=2, en;q=-1'])}`);
      const extra = next() < 0.1 ? 150 : Math.floor(next() * 5);
      for (let h = 0; h < extra; h += 1) headers.push(`X-${token(8)}: ${token(30)}`);
      let body = Buffer.alloc(0);
      if (next() < 0.5) {
        body = pick([
          junk(Math.floor(next() * 300)),
          Buffer.from('{"a":'),
          Buffer.from('{}'),
          Buffer.from(JSON.stringify({ pad: 'x'.repeat(6_000) })),
          Buffer.from('a=1&a[b]=2'),
        ]);
        headers.push(`Content-Type: ${pick(contentTypes)}`, `Content-Length: ${body.length}`);
      }
      const request = Buffer.concat([Buffer.from(`${method} ${path} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
      const answer = await sendRaw(port, request);
      answers.push({ status: answer.status, request: `${method} ${path.slice(0, 80)}` });

      // Node refuses CONNECT tunnels it was not asked to serve: a 4xx, or the connection closed without an answer.
      if (method === 'CONNECT') {
        expect(answer.status === 0 || (answer.status >= 400 && answer.status < 500)).toBe(true);
        continue;
      }
      if (answer.status < 200) throw new Error(`no answer (${answer.status}) for ${method} ${path.slice(0, 120)}`);
      if (answer.status >= 500) throw new Error(`${answer.status} for ${method} ${path.slice(0, 120)}: ${answer.body.slice(0, 300)}`);
      if (/content-type: application\/json/i.test(answer.headers) && method !== 'HEAD') {
        expect(typeof JSON.parse(answer.body).success).toBe('boolean');
      }
    }

    const counts = answers.reduce<Record<number, number>>((all, { status }) => ({ ...all, [status]: (all[status] ?? 0) + 1 }), {});
    expect(Object.keys(counts).length).toBeGreaterThan(3);
    expect((await t.http.get('/api/health/live')).status).toBe(200);
  }, 120_000);

  // Bodies any signed-in user can send: refused as the client's mistake, never a 500 with a stack in the error log.
  const nestedArrays = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
  it.each([
    ['2,000 nested arrays (4 KB)', nestedArrays(2_000), [{ message: 'the body is not a JSON object' }]],
    ['1,500 nested arrays in a property', `{"a":${nestedArrays(1_500)}}`, [{ field: 'a', message: 'property a should not exist' }]],
    ['a "constructor" property', '{"constructor":{"name":"x"}}', [{ field: 'constructor', message: 'property constructor should not exist' }]],
    // Refused by the JSON parser itself (Fastify's prototype-poisoning check), before validation sees a field.
    ['a "__proto__" property', '{"__proto__":{"isAdmin":true}}', [{ message: 'the body is not a JSON object' }]],
  ])('every creator POST route answers %s with 400 common.validation_failed, logged at info without a stack', async (_name, body, details) => {
    const creator = await createCreator(t.prisma);
    for (const route of CREATOR_POST_ROUTES) {
      const res = await t.as(creator).post(route).set('Content-Type', 'application/json').send(body);
      expectErrorEnvelope(res, 400, 'common.validation_failed');
      expect(res.body.error.details).toEqual(details);
      const line = await t.requestLog(res.headers['x-request-id']);
      expect(line).toMatchObject({ level: 30, res: { statusCode: 400 } });
      expect(line).not.toHaveProperty('err');
    }
  });
});
