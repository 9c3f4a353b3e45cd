import { type CanActivate, Injectable, UnauthorizedException } from '@nestjs/common';

/** The scratch host's stand-in for its own auth: nobody is signed in. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  canActivate(): boolean {
    throw new UnauthorizedException();
  }
}
