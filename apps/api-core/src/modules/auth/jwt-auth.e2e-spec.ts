import { createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Response } from 'supertest';
import { createCreator, expectErrorEnvelope, signToken, startTestApp, TEST_JWT_SECRET, type TestApp } from '../../../test/test-app';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';

function expectUnauthorized(res: Response) {
  expectErrorEnvelope(res, 401, 'auth.unauthorized');
  // The same answer whatever was wrong with the token.
  expect(res.body.error).toEqual({
    code: 'UNAUTHORIZED',
    i18nKey: 'auth.unauthorized',
    message: 'Authentication required. Please sign in again.',
    correlationId: res.headers['x-request-id'],
  });
  // Rejected before the rate limiter: no budget spent, no limit headers.
  expect(res.headers['x-ratelimit-remaining']).toBeUndefined();
}

/** An HS256 token over any payload, built by hand: jsonwebtoken refuses to sign some of the odd ones. */
function signedHs256(payload: unknown, header: Record<string, unknown> = {}): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${part({ alg: 'HS256', typ: 'JWT', ...header })}.${part(payload)}`;
  return `${signingInput}.${createHmac('sha256', TEST_JWT_SECRET).update(signingInput).digest('base64url')}`;
}

describe('Authentication on creator routes (HS256 with JWT_SECRET)', () => {
  let t: TestApp;
  let userId: string;

  beforeAll(async () => {
    t = await startTestApp();
    ({ userId } = await createCreator(t.prisma));
  });
  afterAll(() => t.close());

  const now = () => Math.floor(Date.now() / 1000);
  const cases: [string, () => string | undefined][] = [
    ['no Authorization header', () => undefined],
    ['empty bearer', () => 'Bearer '],
    ['not a bearer scheme', () => `Basic ${Buffer.from('user:pass').toString('base64')}`],
    ['malformed token', () => 'Bearer not.a.jwt'],
    ['a valid token followed by another word', () => `Bearer ${signToken(userId)} extra`],
    ['garbage of 8 KB', () => `Bearer ${'x'.repeat(8_000)}`],
    ['expired', () => `Bearer ${jwt.sign({ sub: userId, exp: now() - 60 }, TEST_JWT_SECRET, { algorithm: 'HS256' })}`],
    ['signed with another secret', () => `Bearer ${signToken(userId, {}, 'another-secret-that-is-also-32-characters-long')}`],
    ['alg none', () => `Bearer ${jwt.sign({ sub: userId, exp: now() + 60 }, null, { algorithm: 'none' })}`],
    ['HS512 instead of the pinned HS256', () => `Bearer ${jwt.sign({ sub: userId }, TEST_JWT_SECRET, { algorithm: 'HS512', expiresIn: 60 })}`],
    ['no exp claim', () => `Bearer ${jwt.sign({ sub: userId }, TEST_JWT_SECRET, { algorithm: 'HS256' })}`],
    ['no sub claim', () => `Bearer ${signToken(undefined)}`],
    ['empty sub', () => `Bearer ${signToken('')}`],
    ['not yet valid (nbf in the future)', () => `Bearer ${signToken(userId, { notBefore: 600 })}`],
    ['a numeric sub', () => `Bearer ${signedHs256({ sub: 12345, exp: now() + 60 })}`],
    ['a payload that is a string, not claims', () => `Bearer ${signedHs256(userId)}`],
    ['a sub with a NUL character (PostgreSQL refuses it)', () => `Bearer ${signToken(`${userId}\u0000`)}`],
    ['a sub with a line feed', () => `Bearer ${signToken(`${userId}\n`)}`],
    ['a sub with a lone surrogate (it would reach the database as U+FFFD, another id)', () => `Bearer ${signToken(`${userId}\uD800`)}`],
    ['a sub of 256 characters', () => `Bearer ${signToken('u'.repeat(256))}`],
    [
      'a crit header naming an extension we do not understand (RFC 7515)',
      () => `Bearer ${signedHs256({ sub: userId, exp: now() + 60 }, { crit: ['x-acme'], 'x-acme': true })}`,
    ],
    [
      'ES256 (a key pair of its own) where HS256 is configured',
      () => `Bearer ${jwt.sign({ sub: userId }, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, { algorithm: 'ES256', expiresIn: 60 })}`,
    ],
  ];

  it.each(cases)('401 auth.unauthorized: %s', async (_name, header) => {
    const value = header();
    const req = t.http.post(ROUTE);
    expectUnauthorized(await (value === undefined ? req : req.set('Authorization', value)));
  });

  it('accepts a valid token; the user is the token sub', async () => {
    const res = await t.as(signToken(userId)).post(ROUTE);
    expect(res.status).toBe(200);
  });

  it('a hand-built token with the right claims is accepted (so the odd payloads above fail for their payload)', async () => {
    const res = await t.as(signedHs256({ sub: userId, exp: now() + 60 })).post(ROUTE);
    expect(res.status).toBe(200);
  });

  it('the scheme is case-insensitive (RFC 6750): "bearer" works too', async () => {
    const res = await t.http.post(ROUTE).set('Authorization', `bearer ${signToken(userId)}`);
    expect(res.status).toBe(200);
  });

  it('a valid token whose sub is no user is just not a creator (404), not an auth error', async () => {
    const res = await t.as(signToken('user_that_does_not_exist')).post(ROUTE);
    expect(res.status).toBe(404);
    expect(res.body.error.i18nKey).toBe('creator.stripe.not_creator');
  });
});

describe('Authentication with JWT_ISSUER and JWT_AUDIENCE', () => {
  let t: TestApp;
  let userId: string;

  beforeAll(async () => {
    t = await startTestApp({ JWT_ISSUER: 'https://auth.example.com', JWT_AUDIENCE: 'creator-api' });
    ({ userId } = await createCreator(t.prisma));
  });
  afterAll(() => t.close());

  it('accepts the configured issuer and audience', async () => {
    const token = signToken(userId, { issuer: 'https://auth.example.com', audience: 'creator-api' });
    expect((await t.as(token).post(ROUTE)).status).toBe(200);
  });

  it.each([
    ['wrong issuer', { issuer: 'https://evil.example.com', audience: 'creator-api' }],
    ['wrong audience', { issuer: 'https://auth.example.com', audience: 'another-api' }],
    ['no issuer or audience', {}],
  ])('401 auth.unauthorized: %s', async (_name, options) => {
    expectUnauthorized(await t.as(signToken(userId, options)).post(ROUTE));
  });
});

describe.each([
  ['RS256', generateKeyPairSync('rsa', { modulusLength: 2048 })],
  ['ES256', generateKeyPairSync('ec', { namedCurve: 'P-256' })],
] as const)('Authentication with JWT_PUBLIC_KEY (%s)', (algorithm, keys) => {
  let t: TestApp;
  let userId: string;
  const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

  beforeAll(async () => {
    t = await startTestApp({ JWT_SECRET: undefined, JWT_PUBLIC_KEY: publicPem });
    ({ userId } = await createCreator(t.prisma));
  });
  afterAll(() => t.close());

  it(`accepts a token signed with the private key (${algorithm})`, async () => {
    const token = jwt.sign({ sub: userId }, keys.privateKey, { algorithm, expiresIn: 60 });
    expect((await t.as(token).post(ROUTE)).status).toBe(200);
  });

  it('401: HS256 token signed with the public key as an HMAC secret (algorithm confusion)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: userId, exp: Math.floor(Date.now() / 1000) + 60 })).toString('base64url');
    const signature = createHmac('sha256', publicPem).update(`${header}.${payload}`).digest('base64url');
    expectUnauthorized(await t.as(`${header}.${payload}.${signature}`).post(ROUTE));
  });

  it('401: token signed by another key pair', async () => {
    const other = algorithm === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const token = jwt.sign({ sub: userId }, other.privateKey, { algorithm, expiresIn: 60 });
    expectUnauthorized(await t.as(token).post(ROUTE));
  });
});
