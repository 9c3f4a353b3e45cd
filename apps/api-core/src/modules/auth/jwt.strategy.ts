import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../../common/config/app-config';
import { bearerToken } from '../../common/http/bearer-token';

/** The caller, as the platform's auth service vouched for them. */
export interface AuthenticatedUser {
  /** `User.id`, from the token's `sub`. */
  id: string;
}

interface AccessTokenClaims {
  sub?: unknown;
  exp?: unknown;
}

/**
 * The platform's bearer access token (passport-jwt): one pinned algorithm
 * (HS256 with `JWT_SECRET`, RS256/ES256 with `JWT_PUBLIC_KEY`), issuer and
 * audience when configured, `exp` required, `sub` a non-empty string.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(config: ConfigService<AppConfig, true>) {
    const { verification, issuer, audience } = config.get('jwt', { infer: true });
    if (!verification) throw new Error('JWT verification key missing');
    super({
      jwtFromRequest: bearerToken,
      // The KeyObject parsed once at start-up; jsonwebtoken (beneath passport-jwt) takes it as is. Its types say string | Buffer.
      secretOrKey: verification.key as unknown as Buffer,
      algorithms: [verification.algorithm],
      issuer,
      audience,
    });
  }

  /** Called with the verified claims; `false` fails authentication. */
  validate(claims: AccessTokenClaims): AuthenticatedUser | false {
    if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || claims.sub.length === 0) return false;
    return { id: claims.sub };
  }
}
