// The floor: the dashboard-link endpoint's work with no framework, to measure
// what the app adds around it. node:http, an HS256 JWT pinned like the app's,
// one indexed query for the profile, one Stripe call through the same SDK
// settings, the same JSON envelope. Reference only: no rate limit, no logs.
import { createSecretKey, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import Stripe from 'stripe';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';
const secret = createSecretKey(Buffer.from(env('JWT_SECRET')));
const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
const stripeBase = new URL(env('STRIPE_API_BASE'));
const stripe = new Stripe(env('STRIPE_SECRET_KEY'), {
  host: stripeBase.hostname,
  port: Number(stripeBase.port),
  protocol: 'http',
  timeout: Number(process.env.STRIPE_TIMEOUT_MS ?? 10_000),
  maxNetworkRetries: Number(process.env.STRIPE_MAX_NETWORK_RETRIES ?? 2),
  telemetry: false,
  appInfo: { name: 'creator-payouts' },
});

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Request-Id': randomUUID() });
  res.end(JSON.stringify(body));
}
const fail = (res: ServerResponse, status: number, code: string, i18nKey: string) =>
  send(res, status, { success: false, error: { code, i18nKey, message: code } });

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST' || req.url !== ROUTE) return fail(res, 404, 'NOT_FOUND', 'common.not_found');
  let userId: string;
  try {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const claims = jwt.verify(token, secret, { algorithms: ['HS256'] }) as jwt.JwtPayload;
    if (typeof claims.sub !== 'string' || !claims.sub || typeof claims.exp !== 'number') throw new Error('claims');
    userId = claims.sub;
  } catch {
    return fail(res, 401, 'UNAUTHORIZED', 'auth.unauthorized');
  }
  try {
    const { rows } = await pool.query<{ stripeAccountId: string | null; stripeAccountStatus: string }>(
      'SELECT "stripeAccountId", "stripeAccountStatus" FROM "CreatorProfile" WHERE "userId" = $1',
      [userId],
    );
    const profile = rows[0];
    if (!profile) return fail(res, 404, 'NOT_CREATOR', 'creator.stripe.not_creator');
    if (!profile.stripeAccountId) return fail(res, 404, 'ACCOUNT_NOT_FOUND', 'creator.stripe.account_not_found');
    if (profile.stripeAccountStatus !== 'ACTIVE') return fail(res, 403, 'NOT_ACTIVE', 'creator.stripe.not_active');
    const link = await stripe.accounts.createLoginLink(profile.stripeAccountId);
    send(res, 200, { success: true, data: { url: link.url } });
  } catch {
    fail(res, 502, 'UPSTREAM_ERROR', 'creator.stripe.upstream_error');
  }
}

// answer() catches everything it awaits: no rejection is left unhandled.
const server = createServer((req, res) => void answer(req, res));

server.listen(Number(env('PORT')), '127.0.0.1', () => process.stdout.write(`floor listening on ${env('PORT')}\n`));
