import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerStorage } from '@nestjs/throttler';
import { StripeConnectException } from '../errors/stripe-connect.exception';
import type { ResolvedStripeConnectOptions } from '../options';
import { creatorIdOf } from '../creator-id.decorator';

/**
 * The module's own per-user rate limit: @nestjs/throttler's guard with the module's options and storage, never the
 * host's (a host's global ThrottlerGuard keeps its own limits beside it). Keyed on the user the host's auth named,
 * so it runs after it (CreatorAuthGuard calls it); the storage key also holds the route, so each route has its own budget.
 */
export class CreatorThrottlerGuard extends ThrottlerGuard {
  constructor(
    private readonly connectOptions: ResolvedStripeConnectOptions,
    storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    // Named 'default' so that the headers are the plain X-RateLimit-* (other names get a suffix).
    super({ throttlers: [{ name: 'default', limit: connectOptions.rateLimit.limit, ttl: connectOptions.rateLimit.ttlMs }] }, storage, reflector);
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const userId = creatorIdOf(req);
    if (userId === undefined) throw new StripeConnectException('auth.unauthorized');
    return `user:${userId}`;
  }

  // The 429 carries the same X-RateLimit-* headers as every other answer past authentication.
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const { req, res } = this.getRequestResponse(context);
    this.connectOptions.telemetry.rateLimited?.(req);
    this.setResponseHeader(res, 'X-RateLimit-Limit', detail.limit);
    this.setResponseHeader(res, 'X-RateLimit-Remaining', 0);
    this.setResponseHeader(res, 'X-RateLimit-Reset', detail.timeToBlockExpire);
    throw new StripeConnectException('common.rate_limited', { retryAfterSeconds: detail.timeToBlockExpire });
  }
}
