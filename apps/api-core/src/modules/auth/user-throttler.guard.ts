import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';
import { AppException } from '../../common/errors/app.exception';
import type { AuthenticatedUser } from './jwt.strategy';

/**
 * Per-user rate limit: keyed on the verified token's `sub`, so it must run
 * after `JwtAuthGuard` (`@UseGuards(JwtAuthGuard, UserThrottlerGuard)`).
 * The storage key also holds the route, so each route has its own budget.
 */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: { user?: AuthenticatedUser }): Promise<string> {
    if (!req.user) throw new AppException('auth.unauthorized');
    return `user:${req.user.id}`;
  }

  // The 429 carries the same X-RateLimit-* headers as every other answer past authentication.
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const res = context.switchToHttp().getResponse<Response>();
    res.setHeader('X-RateLimit-Limit', detail.limit);
    res.setHeader('X-RateLimit-Remaining', 0);
    res.setHeader('X-RateLimit-Reset', detail.timeToBlockExpire);
    throw new AppException('common.rate_limited', { retryAfterSeconds: detail.timeToBlockExpire });
  }
}
