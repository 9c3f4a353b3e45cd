import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { AppException } from '../../common/errors/app.exception';

/**
 * Runs the `jwt` strategy. Any failure is the same 401 in the envelope: the
 * response never says what was wrong with the token, and passport's own
 * messages never reach the client.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error || !user) throw new AppException('auth.unauthorized');
    return user;
  }
}
