import { type CanActivate, type ExecutionContext, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { lastValueFrom, type Observable } from 'rxjs';
import { setCreatorId } from './creator-id.decorator';
import { StripeConnectException } from './errors/stripe-connect.exception';
import type { ResolvedStripeConnectOptions } from './options';
import type { CreatorThrottlerGuard } from './rate-limit/creator-throttler.guard';
import { CREATOR_THROTTLER_GUARD, STRIPE_CONNECT_OPTIONS } from './tokens';
import { isUsableUserId } from './user-id';

/**
 * The creator routes' guard: the host's guards in order (its identity, never a strategy of ours), then the user
 * id read from the request, then the module's rate limit. One guard because options are known only at start-up,
 * and a decorator's guard list is fixed when the class is defined.
 */
@Injectable()
export class CreatorAuthGuard implements CanActivate, OnModuleInit {
  private guards: CanActivate[] = [];

  constructor(
    @Inject(STRIPE_CONNECT_OPTIONS) private readonly options: ResolvedStripeConnectOptions,
    @Inject(CREATOR_THROTTLER_GUARD) private readonly throttler: CreatorThrottlerGuard,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Guards given as classes are the host's providers (found anywhere in the app), or built here with its injector. */
  async onModuleInit(): Promise<void> {
    this.guards = await Promise.all(
      this.options.auth.guards.map(async (guard) => {
        if (typeof guard !== 'function') return guard;
        try {
          return this.moduleRef.get(guard, { strict: false });
        } catch {
          return this.moduleRef.create(guard);
        }
      }),
    );
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    for (const guard of this.guards) {
      const result = guard.canActivate(context);
      const allowed = typeof result === 'boolean' ? result : await (isObservable(result) ? lastValueFrom(result) : result);
      if (!allowed) throw new StripeConnectException('auth.unauthorized');
    }
    const request = context.switchToHttp().getRequest<object>();
    const userId = this.options.auth.userId(request);
    // Anything that cannot name a user (empty, a NUL, 256 characters) is no identity.
    if (!isUsableUserId(userId)) throw new StripeConnectException('auth.unauthorized');
    setCreatorId(request, userId);
    return this.throttler.canActivate(context);
  }
}

function isObservable(value: unknown): value is Observable<boolean> {
  return typeof (value as Observable<boolean>)?.subscribe === 'function';
}
