import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { DEFAULT_PGLITE_DATA_DIR, isPostgresUrl } from '@creator-payouts/prisma';
import { z } from 'zod';

/**
 * Every setting the service reads, validated once at start-up. `.env.example`
 * documents each variable; a bad value stops the process with a message that
 * names the variable.
 */
const optionalString = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

const integer = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: integer(3000, 0, 65_535),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: integer(10_000, 0, 300_000),
  TRUST_PROXY: optionalString,
  CORS_ORIGINS: optionalString.pipe(
    z
      .string()
      .transform((list) => list.split(',').map((origin) => origin.trim()).filter(Boolean))
      .pipe(z.array(z.url({ protocol: /^https?$/ }).refine((origin) => new URL(origin).origin === origin, 'origins only: scheme://host[:port], no path')))
      .optional(),
  ),

  DATABASE_URL: optionalString.refine((url) => !url || isPostgresUrl(url), 'must be a postgres:// or postgresql:// URL'),
  PGLITE_DATA_DIR: z.string().trim().min(1).default(DEFAULT_PGLITE_DATA_DIR),
  DATABASE_POOL_MAX: integer(10, 1, 500),
  DATABASE_CONNECT_TIMEOUT_MS: integer(5_000, 100, 120_000),

  REDIS_URL: optionalString.refine((url) => !url || /^rediss?:\/\//i.test(url), 'must be a redis:// or rediss:// URL'),
  REDIS_REQUIRED: z.enum(['true', 'false']).default('false'),
  REDIS_TIMEOUT_MS: integer(500, 50, 30_000),

  JWT_SECRET: optionalString.refine((secret) => !secret || secret.length >= 32, 'must be at least 32 characters'),
  JWT_PUBLIC_KEY: optionalString,
  JWT_ISSUER: optionalString,
  JWT_AUDIENCE: optionalString,

  STRIPE_SECRET_KEY: optionalString,
  STRIPE_API_BASE: z.url({ protocol: /^https?$/ }).default('https://api.stripe.com'),
  STRIPE_TIMEOUT_MS: integer(10_000, 100, 120_000),
  STRIPE_MAX_NETWORK_RETRIES: integer(2, 0, 10),
  STRIPE_WEBHOOK_SECRET: optionalString,
  STRIPE_CONNECT_REFRESH_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  STRIPE_CONNECT_RETURN_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
});

/**
 * How access tokens are verified. The key is a KeyObject, parsed once here: given
 * a string, jsonwebtoken parses it again on every request (and tries a secret as a
 * PEM public key first); a KeyObject also never prints the secret if logged.
 */
export interface JwtVerification {
  algorithm: 'HS256' | 'RS256' | 'ES256';
  key: KeyObject;
}

export function hs256Verification(secret: string): JwtVerification {
  return { algorithm: 'HS256', key: createSecretKey(Buffer.from(secret)) };
}

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  /** Development without explicit configuration: dev JWT secret, demo data, local Stripe stand-in. */
  localMode: boolean;
  host: string;
  port: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** How long in-flight requests may take to finish after SIGTERM/SIGINT. */
  shutdownTimeoutMs: number;
  /** Express `trust proxy`: which proxies' X-Forwarded-For to believe (unset: none). */
  trustProxy: boolean | number | string;
  /** Browser origins allowed by CORS (the creator web app); empty: no CORS headers. */
  corsOrigins: string[];
  database: { url?: string; pgliteDataDir: string; poolMax: number; connectTimeoutMs: number };
  /** Rate-limit storage shared by all instances; memory when `url` is unset. */
  redis: { url?: string; required: boolean; timeoutMs: number };
  /** Undefined only in local mode, where the dev secret is filled in at start-up. */
  jwt: { verification?: JwtVerification; issuer?: string; audience?: string };
  stripe: {
    secretKey?: string;
    apiBase: string;
    timeoutMs: number;
    maxNetworkRetries: number;
    /** Signing secret of the Connect webhook endpoint; without it the webhook answers 503. */
    webhookSecret?: string;
    /** Where Stripe's hosted onboarding sends the creator back (creator web app pages). */
    connectRefreshUrl?: string;
    connectReturnUrl?: string;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const vars = parsed.data;
  if (vars.JWT_SECRET && vars.JWT_PUBLIC_KEY) {
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET, JWT_PUBLIC_KEY: set one of them, not both');
  }
  const verification = jwtVerification(vars.JWT_SECRET, vars.JWT_PUBLIC_KEY);
  const localMode = vars.NODE_ENV === 'development';
  if (!verification && !localMode) {
    throw new ConfigError(`Invalid configuration:\n  JWT_SECRET or JWT_PUBLIC_KEY: required when NODE_ENV=${vars.NODE_ENV}`);
  }
  if (vars.REDIS_REQUIRED === 'true' && !vars.REDIS_URL) {
    throw new ConfigError('Invalid configuration:\n  REDIS_URL: required when REDIS_REQUIRED=true');
  }
  if (vars.STRIPE_SECRET_KEY && !localMode && !(vars.STRIPE_CONNECT_REFRESH_URL && vars.STRIPE_CONNECT_RETURN_URL)) {
    throw new ConfigError('Invalid configuration:\n  STRIPE_CONNECT_REFRESH_URL, STRIPE_CONNECT_RETURN_URL: required when STRIPE_SECRET_KEY is set');
  }
  return {
    env: vars.NODE_ENV,
    localMode,
    host: vars.HOST,
    port: vars.PORT,
    logLevel: vars.LOG_LEVEL,
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS,
    trustProxy: parseTrustProxy(vars.TRUST_PROXY),
    corsOrigins: vars.CORS_ORIGINS ?? [],
    database: {
      url: vars.DATABASE_URL,
      pgliteDataDir: vars.PGLITE_DATA_DIR,
      poolMax: vars.DATABASE_POOL_MAX,
      connectTimeoutMs: vars.DATABASE_CONNECT_TIMEOUT_MS,
    },
    redis: { url: vars.REDIS_URL, required: vars.REDIS_REQUIRED === 'true', timeoutMs: vars.REDIS_TIMEOUT_MS },
    jwt: { verification, issuer: vars.JWT_ISSUER, audience: vars.JWT_AUDIENCE },
    stripe: {
      secretKey: vars.STRIPE_SECRET_KEY,
      apiBase: vars.STRIPE_API_BASE,
      timeoutMs: vars.STRIPE_TIMEOUT_MS,
      maxNetworkRetries: vars.STRIPE_MAX_NETWORK_RETRIES,
      webhookSecret: vars.STRIPE_WEBHOOK_SECRET,
      connectRefreshUrl: vars.STRIPE_CONNECT_REFRESH_URL,
      connectReturnUrl: vars.STRIPE_CONNECT_RETURN_URL,
    },
  };
}

/** `true`/`false`, a hop count, or Express's list of addresses, subnets and names (`loopback, 10.0.0.0/8`). */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** The algorithm follows from the key, so a token can never pick its own (no `none`, no HS/RS confusion). */
function jwtVerification(secret?: string, publicKeyPem?: string): JwtVerification | undefined {
  if (secret) return hs256Verification(secret);
  if (!publicKeyPem) return undefined;
  const pem = publicKeyPem.replace(/\\n/g, '\n');
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new ConfigError('Invalid configuration:\n  JWT_PUBLIC_KEY: not a PEM public key');
  }
  if (key.asymmetricKeyType === 'rsa') return { algorithm: 'RS256', key };
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return { algorithm: 'ES256', key };
  throw new ConfigError('Invalid configuration:\n  JWT_PUBLIC_KEY: use an RSA (RS256) or P-256 EC (ES256) public key');
}
