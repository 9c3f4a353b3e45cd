import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { StripeConnectException } from './errors/stripe-connect.exception';

/** Where CreatorAuthGuard leaves the creator's user id on the request, for the throttler and the route handler. */
const CREATOR_ID = Symbol('stripeConnectCreatorId');

export function setCreatorId(request: object, userId: string): void {
  (request as { [CREATOR_ID]?: string })[CREATOR_ID] = userId;
}

export function creatorIdOf(request: object): string | undefined {
  return (request as { [CREATOR_ID]?: string })[CREATOR_ID];
}

/** The authenticated creator's user id, as the host's `auth.userId` read it. */
export const CreatorId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const userId = creatorIdOf(context.switchToHttp().getRequest<object>());
  if (userId === undefined) throw new StripeConnectException('auth.unauthorized');
  return userId;
});
