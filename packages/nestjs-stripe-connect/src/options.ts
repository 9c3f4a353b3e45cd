import type { CanActivate, Type } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type Stripe from 'stripe';
import type { ErrorKey } from './errors/error-catalog';
import type { RedisClient } from './rate-limit/resilient-throttler-storage';
import type { ConnectAccountStore, StripeAccountStatus } from './store/connect-account-store';
import type { StripeFailure } from './stripe/stripe-errors';

/** A change of a creator's payout account status, after it is stored. */
export interface StatusChange {
  userId: string;
  accountId: string;
  from: StripeAccountStatus;
  to: StripeAccountStatus;
}

/**
 * The host's own business on account changes: plain calls after the write commits (from the webhook or a status
 * read), awaited one after the other for at most `timeoutMs` each. A hook that throws, rejects or takes longer is
 * logged; the change stays stored and the webhook still answers 200.
 */
export interface StripeConnectHooks {
  /** How long the answer waits for each hook; one still running then carries on alone. Default 5 000. */
  timeoutMs?: number;
  statusChanged?(change: StatusChange): unknown;
  /** The account became ACTIVE: the creator can be paid out. */
  accountReady?(account: { userId: string; accountId: string }): unknown;
  /** The platform lost the account: deauthorized (v1 Connect) or closed (v2). */
  accountClosed?(account: { userId: string; accountId: string; reason: 'deauthorized' | 'closed' }): unknown;
}

/**
 * What the module tells the host's logs and metrics. Every member is optional. `annotate`, `stripeResponse` and
 * `stripeFailure` never receive a secret or a URL; `rateLimited` receives the request, as the host's own guards do.
 */
export interface StripeConnectTelemetry {
  /** Fields for the current request's log line: a Stripe failure's request id and type, a webhook event's id, type and outcome. */
  annotate?(fields: Record<string, string | number | boolean | undefined>): void;
  /** Every answer Stripe gives (stripe-node's `response` event: method, path, status, elapsed ms). */
  stripeResponse?(event: Stripe.ResponseEvent): void;
  /** A Stripe call failed. */
  stripeFailure?(failure: StripeFailure): void;
  /** A creator was refused by the module's rate limit. */
  rateLimited?(request: unknown): void;
}

/** How the module's routes answer errors (the contract's envelope). */
export interface StripeConnectErrorOptions {
  /** An error the module does not know (the store's, a host guard's): a catalog key for it, or undefined for 500 `common.internal_error`. */
  classify?(error: unknown): ErrorKey | undefined;
  /** Called for every error answered, before the answer; by default a 500 is logged with its stack (Nest's Logger). */
  report?(error: unknown, key: ErrorKey, request: unknown, response: unknown): void;
}

export interface StripeConnectModuleOptions {
  stripe: {
    /** The platform's secret key. Without it the module starts, and its routes answer 400 `creator.stripe.service_unavailable`. */
    secretKey?: string;
    /** Where the Stripe API is (stripe-mock in tests). Default https://api.stripe.com. */
    apiBase?: string;
    /** Per attempt. Default 10 000. */
    timeoutMs?: number;
    /** stripe-node's retries of a failed call (with the same idempotency key). Default 2. */
    maxNetworkRetries?: number;
    /** The Accounts API new accounts are made with. Default 'v2'; accounts keep the API that made them. */
    accountsApi?: 'v1' | 'v2';
    /** Signing secrets of the webhook (v1 Connect endpoint, v2 event destination); none: the webhook answers 503 `webhook.not_configured`. */
    webhookSecrets?: string[];
  };
  /** Where Stripe's hosted onboarding sends the creator: back when done, and to ask for a new link. Required with `stripe.secretKey`. */
  onboarding?: { returnUrl: string; refreshUrl: string };
  /** The creator routes' identity: the host's guards run in order, then `userId` reads the user from the request. */
  auth: {
    guards?: (CanActivate | Type<CanActivate>)[];
    /** The authenticated user's id; undefined: 401 `auth.unauthorized`. */
    // any: the request is the host's (Express or Fastify, with its own user shape); `(req) => req.user?.id` needs no cast.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    userId(request: any): string | undefined;
  };
  /** Where creators' accounts are kept: `PrismaConnectAccountStore`, or the host's own implementation of the port. */
  store: ConnectAccountStore;
  /** Per user and route, apart from any throttling of the host. Default 10 per hour, counted in memory. */
  rateLimit?: {
    limit?: number;
    ttlMs?: number;
    /** Shared counters: an ioredis client (while it is unreachable each instance counts in memory), or any @nestjs/throttler storage. */
    redis?: RedisClient | null;
    storage?: ThrottlerStorage;
  };
  hooks?: StripeConnectHooks;
  telemetry?: StripeConnectTelemetry;
  errors?: StripeConnectErrorOptions;
}

/** Set when the module is imported (not resolved later): which routes it mounts, and where. */
export interface StripeConnectModuleExtras {
  /** false: no routes, the services alone (`StripeConnectService`, `StripeConnectWebhookService`). Default true. */
  routes?: boolean;
  /** Path prefix of both controllers, e.g. 'api/v1'. Default none. */
  prefix?: string;
  /**
   * Decorators for the webhook's controller, for the host's global guards: Stripe is no user, so e.g.
   * `[Public(), SkipThrottle()]` (your own "public route" marker, and @nestjs/throttler's). Default none.
   */
  webhookDecorators?: ClassDecorator[];
}

/** The options with their defaults, as the module's providers read them. */
export interface ResolvedStripeConnectOptions extends StripeConnectModuleOptions {
  stripe: Required<Pick<StripeConnectModuleOptions['stripe'], 'apiBase' | 'timeoutMs' | 'maxNetworkRetries' | 'accountsApi' | 'webhookSecrets'>> &
    Pick<StripeConnectModuleOptions['stripe'], 'secretKey'>;
  auth: { guards: (CanActivate | Type<CanActivate>)[]; userId(request: unknown): string | undefined };
  rateLimit: { limit: number; ttlMs: number; redis: RedisClient | null; storage?: ThrottlerStorage };
  hooks: StripeConnectHooks;
  telemetry: StripeConnectTelemetry;
  errors: StripeConnectErrorOptions;
}

/** Contract: 10 requests per hour per user, per route. */
export const DEFAULT_RATE_LIMIT = { limit: 10, ttlMs: 60 * 60 * 1000 };

const STORE_METHODS = [
  'findByUserId',
  'findOnboardingProfile',
  'findAccountApi',
  'findPendingCreationApi',
  'claimCreation',
  'releaseCreation',
  'storeCreatedAccount',
  'hasEvent',
  'transaction',
] as const;

/**
 * The options checked when the host starts, with their defaults filled in. Every problem is named by its option
 * path, all of them in one error.
 */
export function resolveOptions(options: StripeConnectModuleOptions): ResolvedStripeConnectOptions {
  const problems: string[] = [];
  const check = (ok: boolean, path: string, problem: string) => {
    if (!ok) problems.push(`${path}: ${problem}`);
  };
  const stripe = options?.stripe ?? {};
  check(typeof options?.stripe === 'object' && options.stripe !== null, 'stripe', 'required (at least {}; secretKey to call Stripe)');
  check(
    stripe.secretKey === undefined || (typeof stripe.secretKey === 'string' && /^\S+$/.test(stripe.secretKey)),
    'stripe.secretKey',
    'a key without spaces (sk_… or rk_…), or unset',
  );
  check(stripe.apiBase === undefined || isHttpUrl(stripe.apiBase), 'stripe.apiBase', 'an http(s) URL');
  check(stripe.timeoutMs === undefined || isPositiveInteger(stripe.timeoutMs), 'stripe.timeoutMs', 'a positive integer (ms)');
  check(
    stripe.maxNetworkRetries === undefined || (Number.isInteger(stripe.maxNetworkRetries) && stripe.maxNetworkRetries >= 0),
    'stripe.maxNetworkRetries',
    'an integer ≥ 0',
  );
  check(stripe.accountsApi === undefined || stripe.accountsApi === 'v1' || stripe.accountsApi === 'v2', 'stripe.accountsApi', "'v1' or 'v2'");
  check(
    stripe.webhookSecrets === undefined ||
      (Array.isArray(stripe.webhookSecrets) && stripe.webhookSecrets.every((secret) => typeof secret === 'string' && /^\S+$/.test(secret))),
    'stripe.webhookSecrets',
    'a list of signing secrets (whsec_…)',
  );
  // Without a key no link is ever made, so a host may start with Stripe off and no URLs yet.
  const needsUrls = stripe.secretKey !== undefined || options?.onboarding !== undefined;
  check(!needsUrls || isHttpUrl(options?.onboarding?.returnUrl), 'onboarding.returnUrl', 'an http(s) URL (required with stripe.secretKey)');
  check(!needsUrls || isHttpUrl(options?.onboarding?.refreshUrl), 'onboarding.refreshUrl', 'an http(s) URL (required with stripe.secretKey)');
  check(typeof options?.auth?.userId === 'function', 'auth.userId', 'a function reading the user id from the request');
  check(
    options?.auth?.guards === undefined ||
      (Array.isArray(options.auth.guards) && options.auth.guards.every((guard) => typeof guard === 'function' || typeof guard?.canActivate === 'function')),
    'auth.guards',
    'a list of guards (instances or classes)',
  );
  const missing = STORE_METHODS.filter((method) => typeof (options?.store as unknown as Record<string, unknown> | undefined)?.[method] !== 'function');
  check(missing.length === 0, 'store', `a ConnectAccountStore (missing ${missing.join(', ')})`);
  const rateLimit = options?.rateLimit ?? {};
  check(rateLimit.limit === undefined || isPositiveInteger(rateLimit.limit), 'rateLimit.limit', 'a positive integer');
  check(rateLimit.ttlMs === undefined || isPositiveInteger(rateLimit.ttlMs), 'rateLimit.ttlMs', 'a positive integer (ms)');
  check(!(rateLimit.redis && rateLimit.storage), 'rateLimit', 'redis or storage, not both');
  check(options?.hooks?.timeoutMs === undefined || isPositiveInteger(options.hooks.timeoutMs), 'hooks.timeoutMs', 'a positive integer (ms)');
  for (const [group, names] of [
    ['hooks', ['statusChanged', 'accountReady', 'accountClosed']],
    ['telemetry', ['annotate', 'stripeResponse', 'stripeFailure', 'rateLimited']],
    ['errors', ['classify', 'report']],
  ] as const) {
    const value = (options as unknown as Record<string, Record<string, unknown> | undefined>)?.[group];
    for (const name of names) check(value?.[name] === undefined || typeof value[name] === 'function', `${group}.${name}`, 'a function');
  }
  if (problems.length > 0) throw new Error(`StripeConnectModule: invalid options\n  ${problems.join('\n  ')}`);

  return {
    ...options,
    stripe: {
      secretKey: stripe.secretKey,
      apiBase: stripe.apiBase ?? 'https://api.stripe.com',
      timeoutMs: stripe.timeoutMs ?? 10_000,
      maxNetworkRetries: stripe.maxNetworkRetries ?? 2,
      accountsApi: stripe.accountsApi ?? 'v2',
      webhookSecrets: stripe.webhookSecrets ?? [],
    },
    // userId called as a method of the host's object, which may use `this` (as the hooks, telemetry and errors are).
    auth: { guards: options.auth.guards ?? [], userId: (request: unknown) => options.auth.userId(request) },
    rateLimit: {
      limit: rateLimit.limit ?? DEFAULT_RATE_LIMIT.limit,
      ttlMs: rateLimit.ttlMs ?? DEFAULT_RATE_LIMIT.ttlMs,
      redis: rateLimit.redis ?? null,
      storage: rateLimit.storage,
    },
    hooks: options.hooks ?? {},
    telemetry: options.telemetry ?? {},
    errors: options.errors ?? {},
  };
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function isPositiveInteger(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) > 0;
}
