import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { StripeConnectException } from '@creator-payouts/nestjs-stripe-connect';

/**
 * Runs the `jwt` strategy. Any failure is the same 401 in the envelope: the
 * response never says what was wrong with the token, and passport's own
 * messages never reach the client. (The Stripe Connect module's exception, so
 * that the module's routes, where this guard runs, answer it too.)
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error || !user) throw new StripeConnectException('auth.unauthorized');
    return user;
  }
}
