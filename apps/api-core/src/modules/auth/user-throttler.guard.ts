import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { AppException } from '../../common/errors/app.exception';
import { Metrics } from '../../common/metrics/metrics';
import type { AuthenticatedUser } from './jwt.strategy';

/**
 * Per-user rate limit: keyed on the verified token's `sub`, so it must run
 * after `JwtAuthGuard` (`@UseGuards(JwtAuthGuard, UserThrottlerGuard)`).
 * The storage key also holds the route, so each route has its own budget.
 */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly metrics: Metrics,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(req: { user?: AuthenticatedUser }): Promise<string> {
    if (!req.user) throw new AppException('auth.unauthorized');
    return `user:${req.user.id}`;
  }

  // The 429 carries the same X-RateLimit-* headers as every other answer past authentication.
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const res = context.switchToHttp().getResponse<Response>();
    this.metrics.countRateLimited(context.switchToHttp().getRequest<Request>());
    res.setHeader('X-RateLimit-Limit', detail.limit);
    res.setHeader('X-RateLimit-Remaining', 0);
    res.setHeader('X-RateLimit-Reset', detail.timeToBlockExpire);
    throw new AppException('common.rate_limited', { retryAfterSeconds: detail.timeToBlockExpire });
  }
}
