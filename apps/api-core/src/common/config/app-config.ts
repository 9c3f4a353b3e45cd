import { createSecretKey, type KeyObject } from 'node:crypto';
import { StripeAccountApi } from '@creator-payouts/prisma';
import { type EnvironmentVariables, isLocalMode, jwtPublicKey, validateEnvironment } from './environment-variables';

export { ConfigError } from './environment-variables';

/**
 * How access tokens are verified. The key is a KeyObject, parsed at start-up: given
 * a string, jsonwebtoken parses it again on every request (and tries a secret as a
 * PEM public key first); a KeyObject also never prints the secret if logged.
 */
export interface JwtVerification {
  algorithm: 'HS256' | 'RS256' | 'ES256';
  key: KeyObject;
}

/** Long enough for a load balancer's health checks to see readiness fail (a few checks of a few seconds). */
const DEFAULT_SHUTDOWN_DRAIN_MS = 5_000;

export function hs256Verification(secret: string): JwtVerification {
  return { algorithm: 'HS256', key: createSecretKey(Buffer.from(secret)) };
}

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  /** The embedded database outside production and test (`isLocalMode`): dev secrets on loopback, demo data, the Stripe stand-in. */
  localMode: boolean;
  host: string;
  port: number;
  logLevel: EnvironmentVariables['LOG_LEVEL'];
  /** After SIGTERM/SIGINT, how long the server keeps serving with readiness 503, so a load balancer can take it out. */
  shutdownDrainMs: number;
  /** Then, once it stops accepting, how long in-flight requests may take to finish. */
  shutdownTimeoutMs: number;
  /** Node's HTTP server deadlines for slow clients (`setServerTimeouts` in app.factory.ts). */
  http: { requestTimeoutMs: number; headersTimeoutMs: number; keepAliveTimeoutMs: number };
  /** Fastify's `trustProxy`: which proxies' X-Forwarded-For to believe (unset: none). */
  trustProxy: boolean | string;
  /** Browser origins allowed by CORS (the creator web app); empty: no CORS headers. */
  corsOrigins: string[];
  database: { url?: string; pgliteDataDir: string; poolMax: number; connectTimeoutMs: number; queryTimeoutMs: number };
  /** Rate-limit storage shared by all instances; memory when `url` is unset. */
  redis: { url?: string; required: boolean; timeoutMs: number };
  /** `/api/metrics` requires `Authorization: Bearer <token>` when set. */
  metrics: { token?: string };
  /** Undefined only in local mode, where the dev secret is filled in at start-up. */
  jwt: { verification?: JwtVerification; issuer?: string; audience?: string };
  stripe: {
    secretKey?: string;
    apiBase: string;
    timeoutMs: number;
    maxNetworkRetries: number;
    /** Signing secrets of the webhook endpoints (v1 Connect endpoint, v2 event destination); none: the webhook answers 503. */
    webhookSecrets: string[];
    /** The Accounts API that creates new accounts. */
    accountsApi: StripeAccountApi;
    /** Where Stripe's hosted onboarding sends the creator back (creator web app pages). */
    connectRefreshUrl?: string;
    connectReturnUrl?: string;
  };
}

/**
 * The typed configuration the app reads through `ConfigService<AppConfig, true>`,
 * built from the validated environment (`validateEnvironment()`).
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const vars = validateEnvironment(env);
  const localMode = isLocalMode(vars);
  return {
    env: vars.NODE_ENV,
    localMode,
    host: vars.HOST,
    port: vars.PORT,
    logLevel: vars.LOG_LEVEL,
    shutdownDrainMs: vars.SHUTDOWN_DRAIN_MS ?? (localMode || vars.NODE_ENV === 'test' ? 0 : DEFAULT_SHUTDOWN_DRAIN_MS),
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS,
    http: { requestTimeoutMs: vars.REQUEST_TIMEOUT_MS, headersTimeoutMs: vars.HEADERS_TIMEOUT_MS, keepAliveTimeoutMs: vars.KEEP_ALIVE_TIMEOUT_MS },
    trustProxy: parseTrustProxy(vars.TRUST_PROXY),
    corsOrigins: vars.CORS_ORIGINS ?? [],
    database: {
      url: vars.DATABASE_URL,
      pgliteDataDir: vars.PGLITE_DATA_DIR,
      poolMax: vars.DATABASE_POOL_MAX,
      connectTimeoutMs: vars.DATABASE_CONNECT_TIMEOUT_MS,
      queryTimeoutMs: vars.DATABASE_QUERY_TIMEOUT_MS,
    },
    redis: { url: vars.REDIS_URL, required: vars.REDIS_REQUIRED === 'true', timeoutMs: vars.REDIS_TIMEOUT_MS },
    metrics: { token: vars.METRICS_TOKEN },
    jwt: { verification: jwtVerification(vars), issuer: vars.JWT_ISSUER, audience: vars.JWT_AUDIENCE },
    stripe: {
      secretKey: vars.STRIPE_SECRET_KEY,
      apiBase: vars.STRIPE_API_BASE,
      timeoutMs: vars.STRIPE_TIMEOUT_MS,
      maxNetworkRetries: vars.STRIPE_MAX_NETWORK_RETRIES,
      webhookSecrets: vars.STRIPE_WEBHOOK_SECRET ?? [],
      accountsApi: vars.STRIPE_ACCOUNTS_API === 'v1' ? StripeAccountApi.V1 : StripeAccountApi.V2,
      connectRefreshUrl: vars.STRIPE_CONNECT_REFRESH_URL,
      connectReturnUrl: vars.STRIPE_CONNECT_RETURN_URL,
    },
  };
}

/** `true`/`false`, or a list of addresses, subnets and names (`loopback, 10.0.0.0/8`); a hop count is refused by validation. */
function parseTrustProxy(value: string | undefined): boolean | string {
  if (!value || value === 'false') return false;
  return value === 'true' ? true : value;
}

/** The key parsed into a KeyObject at start-up, so requests never parse it. */
function jwtVerification(vars: EnvironmentVariables): JwtVerification | undefined {
  if (vars.JWT_SECRET) return hs256Verification(vars.JWT_SECRET);
  return vars.JWT_PUBLIC_KEY ? jwtPublicKey(vars.JWT_PUBLIC_KEY) : undefined;
}
