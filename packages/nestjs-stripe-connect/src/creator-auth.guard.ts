import { type CanActivate, createParamDecorator, type ExecutionContext, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { lastValueFrom, type Observable } from 'rxjs';
import { StripeConnectException } from './errors/stripe-connect.exception';
import type { ResolvedStripeConnectOptions } from './options';
import type { CreatorThrottlerGuard } from './rate-limit/creator-throttler.guard';
import { CREATOR_THROTTLER_GUARD, STRIPE_CONNECT_OPTIONS } from './tokens';
import { isUsableUserId } from './user-id';

/** Where the guard leaves the creator's user id on the request, for the route handler. */
const CREATOR_ID = Symbol('stripeConnectCreatorId');

export function creatorIdOf(request: object): string | undefined {
  return (request as { [CREATOR_ID]?: string })[CREATOR_ID];
}

/** The authenticated creator's user id, as the host's `auth.userId` read it. */
export const CreatorId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const userId = creatorIdOf(context.switchToHttp().getRequest<object>());
  if (userId === undefined) throw new StripeConnectException('auth.unauthorized');
  return userId;
});

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
    (request as { [CREATOR_ID]?: string })[CREATOR_ID] = userId;
    return this.throttler.canActivate(context);
  }
}

function isObservable(value: unknown): value is Observable<boolean> {
  return typeof (value as Observable<boolean>)?.subscribe === 'function';
}
