import { createPublicKey, type KeyObject } from 'node:crypto';
import { applyDecorators } from '@nestjs/common';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  validateSync,
  type ValidationOptions,
} from 'class-validator';
import { DEFAULT_PGLITE_DATA_DIR, isPostgresUrl } from '@creator-payouts/prisma';

const ENVIRONMENTS = ['development', 'test', 'production'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An integer setting within bounds, with one message naming them. */
function IntegerBetween(min: number, max: number): PropertyDecorator {
  const message = `must be an integer from ${min} to ${max}`;
  return applyDecorators(IsInt({ message }), Min(min, { message }), Max(max, { message }));
}

/** An absolute http(s) URL as browsers and Node parse it; `originOnly`: scheme://host[:port], no path. */
function IsHttpUrl(options: { originOnly?: boolean } = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHttpUrl',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !URL.canParse(value)) return false;
          const url = new URL(value);
          return (url.protocol === 'http:' || url.protocol === 'https:') && (!options.originOnly || url.origin === value);
        },
        defaultMessage: () => (options.originOnly ? 'origins only: http(s)://host[:port], no path' : 'must be an http:// or https:// URL'),
      },
    },
    validationOptions,
  );
}

/** A PEM public key of a type whose algorithm we pin: RSA (RS256) or P-256 EC (ES256). */
function IsJwtPublicKey(): PropertyDecorator {
  return ValidateBy({
    name: 'isJwtPublicKey',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && jwtPublicKey(value) !== undefined,
      defaultMessage: (args) =>
        typeof args?.value === 'string' && parsePublicKey(args.value) ? 'use an RSA (RS256) or P-256 EC (ES256) public key' : 'not a PEM public key',
    },
  });
}

/**
 * Every variable the service reads, validated once at start-up with
 * class-validator (`validateEnvironment()`). `.env.example` documents each one.
 * Defaults are the property initialisers; blank values count as unset. Every
 * property has an initialiser, so a default instance lists them all.
 */
export class EnvironmentVariables {
  @IsIn(ENVIRONMENTS, { message: `must be one of ${ENVIRONMENTS.join(', ')}` })
  NODE_ENV: (typeof ENVIRONMENTS)[number] = 'development';

  @IsString()
  HOST: string = '127.0.0.1';

  @IntegerBetween(0, 65_535)
  PORT: number = 3000;

  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IntegerBetween(0, 300_000)
  SHUTDOWN_TIMEOUT_MS: number = 10_000;

  // Unset: 5000, or 0 in local mode and tests (AppConfig.shutdownDrainMs).
  @IsOptional()
  @IntegerBetween(0, 300_000)
  SHUTDOWN_DRAIN_MS?: number = undefined;

  // Slow clients: a request (headers and body) not fully received in time is
  // answered 408 and its connection closed. Headers come in one packet from any
  // real client, so they get a shorter deadline than a body.
  @IntegerBetween(1_000, 600_000)
  REQUEST_TIMEOUT_MS: number = 30_000;

  @IntegerBetween(1_000, 600_000)
  @ValidateBy({
    name: 'notAboveRequestTimeout',
    validator: {
      validate: (value, args) => (value as number) <= (args?.object as EnvironmentVariables).REQUEST_TIMEOUT_MS,
      defaultMessage: () => 'must not exceed REQUEST_TIMEOUT_MS',
    },
  })
  HEADERS_TIMEOUT_MS: number = 10_000;

  // An idle keep-alive connection is closed after this; behind a load balancer
  // it must outlast the balancer's own idle timeout (60 s on AWS ALB and nginx).
  @IntegerBetween(1_000, 600_000)
  KEEP_ALIVE_TIMEOUT_MS: number = 65_000;

  // Fastify trusts no proxy for a bare hop count: it cannot check the nearest peer from a count.
  @IsOptional()
  @IsString()
  @Matches(/^(?!\s*\d+\s*$)/, { message: "must be true, false, or the proxies' addresses or subnets (loopback, 10.0.0.0/8), not a hop count" })
  TRUST_PROXY?: string = undefined;

  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean)
      : value,
  )
  @IsOptional()
  @IsHttpUrl({ originOnly: true }, { each: true })
  CORS_ORIGINS?: string[] = undefined;

  @IsOptional()
  @ValidateBy({
    name: 'isPostgresUrl',
    validator: { validate: (value) => typeof value === 'string' && isPostgresUrl(value), defaultMessage: () => 'must be a postgres:// or postgresql:// URL' },
  })
  DATABASE_URL?: string = undefined;

  @IsString()
  PGLITE_DATA_DIR: string = DEFAULT_PGLITE_DATA_DIR;

  @IntegerBetween(1, 500)
  DATABASE_POOL_MAX: number = 10;

  @IntegerBetween(100, 120_000)
  DATABASE_CONNECT_TIMEOUT_MS: number = 5_000;

  // A connection that stops answering (partition, stuck primary) would hold its request forever.
  @IntegerBetween(100, 120_000)
  DATABASE_QUERY_TIMEOUT_MS: number = 5_000;

  @ValidateIf((env: EnvironmentVariables) => env.REDIS_URL !== undefined || env.REDIS_REQUIRED === 'true')
  @IsDefined({ message: 'required when REDIS_REQUIRED=true' })
  @Matches(/^rediss?:\/\//i, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string = undefined;

  @IsIn(['true', 'false'], { message: 'must be true or false' })
  REDIS_REQUIRED: 'true' | 'false' = 'false';

  @IntegerBetween(50, 30_000)
  REDIS_TIMEOUT_MS: number = 500;

  // Outside local mode a key is required: the secret, or else the public key.
  @ValidateIf((env: EnvironmentVariables) => env.JWT_SECRET !== undefined || (!isLocalMode(env) && env.JWT_PUBLIC_KEY === undefined))
  @IsDefined({ message: (args) => `required when ${whyNotLocal(args.object as EnvironmentVariables)} (or JWT_PUBLIC_KEY)` })
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string = undefined;

  @ValidateIf((env: EnvironmentVariables) => env.JWT_PUBLIC_KEY !== undefined)
  @IsJwtPublicKey()
  // Listed last, checked first: class-validator runs a property's decorators bottom-up.
  @ValidateBy({
    name: 'notWithJwtSecret',
    validator: {
      validate: (_value, args) => (args?.object as EnvironmentVariables).JWT_SECRET === undefined,
      defaultMessage: () => 'set JWT_SECRET or JWT_PUBLIC_KEY, not both',
    },
  })
  JWT_PUBLIC_KEY?: string = undefined;

  @IsOptional()
  @IsString()
  JWT_ISSUER?: string = undefined;

  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string = undefined;

  // Without it /api/metrics is open to whoever reaches the API. Scrapers send it
  // as `Authorization: Bearer <token>`, one word of a header value: a token with
  // spaces or control characters could never be presented.
  @IsOptional()
  @MinLength(16, { message: 'must be at least 16 characters' })
  @Matches(/^[\x21-\x7E]+$/, { message: 'must be printable ASCII without spaces (it is sent as a Bearer token)' })
  METRICS_TOKEN?: string = undefined;

  @IsOptional()
  @IsString()
  STRIPE_SECRET_KEY?: string = undefined;

  @IsHttpUrl()
  STRIPE_API_BASE: string = 'https://api.stripe.com';

  @IntegerBetween(100, 120_000)
  STRIPE_TIMEOUT_MS: number = 10_000;

  @IntegerBetween(0, 10)
  STRIPE_MAX_NETWORK_RETRIES: number = 2;

  // Several, comma-separated: a v1 Connect endpoint and a v2 event destination each sign with their own, and a
  // rotation has two at once. An event signed by any of them is accepted.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((secret) => secret.trim()) : value))
  @IsOptional()
  @MinLength(1, { each: true, message: 'must be one or more signing secrets, comma-separated, none empty' })
  STRIPE_WEBHOOK_SECRET?: string[] = undefined;

  // Which Accounts API creates new connected accounts. Stripe refuses v1 creation for platforms set up after
  // 2026-08-25 unless "Accounts v1 support" is on; accounts already stored keep the API that made them.
  @IsIn(['v1', 'v2'], { message: 'must be v1 or v2' })
  STRIPE_ACCOUNTS_API: 'v1' | 'v2' = 'v2';

  // Stripe sends creators back to these pages; outside local mode a Stripe key needs both.
  @ValidateIf(needsConnectUrls)
  @IsDefined({ message: 'required when STRIPE_SECRET_KEY is set' })
  @IsHttpUrl()
  STRIPE_CONNECT_REFRESH_URL?: string = undefined;

  @ValidateIf(needsConnectUrls)
  @IsDefined({ message: 'required when STRIPE_SECRET_KEY is set' })
  @IsHttpUrl()
  STRIPE_CONNECT_RETURN_URL?: string = undefined;
}

function needsConnectUrls(env: EnvironmentVariables, value: unknown): boolean {
  return value !== undefined || (env.STRIPE_SECRET_KEY !== undefined && !isLocalMode(env));
}

/**
 * Local mode (dev secrets, demo data, the Stripe stand-in) exists only on the
 * embedded database: `DATABASE_URL` unset and `NODE_ENV` neither `production`
 * nor `test`. A real database means a real deployment, whatever NODE_ENV says.
 */
export function isLocalMode(env: Pick<EnvironmentVariables, 'NODE_ENV' | 'DATABASE_URL'>): boolean {
  return env.NODE_ENV === 'development' && env.DATABASE_URL === undefined;
}

function whyNotLocal(env: EnvironmentVariables): string {
  return env.NODE_ENV === 'development' ? 'DATABASE_URL is set' : `NODE_ENV=${env.NODE_ENV}`;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * The environment checked as in Nest's "custom validate function" recipe:
 * class-transformer builds the typed object, class-validator checks it, and
 * every bad variable is named in one message. Called by `loadConfig()`, before
 * the app is built, rather than as `ConfigModule.forRoot({ validate })`: local
 * mode and the tests build the app from a configuration of their own.
 */
export function validateEnvironment(env: Record<string, string | undefined>): EnvironmentVariables {
  const plain: Record<string, string> = {};
  for (const name of Object.keys(new EnvironmentVariables())) {
    const value = env[name]?.trim();
    if (value) plain[name] = value; // unset or blank: the default applies
  }
  const variables = plainToInstance(EnvironmentVariables, plain, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(variables, { stopAtFirstError: true });
  if (errors.length > 0) {
    const problems = errors.map((error) => `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return variables;
}

/** Environments pass PEMs on one line with `\n` escapes. */
function parsePublicKey(pem: string) {
  try {
    return createPublicKey(pem.replace(/\\n/g, '\n'));
  } catch {
    return undefined;
  }
}

/** The algorithm follows from the key, so a token can never pick its own (no `none`, no HS/RS confusion). */
export function jwtPublicKey(pem: string): { algorithm: 'RS256' | 'ES256'; key: KeyObject } | undefined {
  const key = parsePublicKey(pem);
  if (key?.asymmetricKeyType === 'rsa') return { algorithm: 'RS256', key };
  if (key?.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return { algorithm: 'ES256', key };
  return undefined;
}
