import { createPublicKey, createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AppConfig } from '../../common/config/app-config';
import { APP_CONFIG } from '../../common/config/config.module';
import { AppException } from '../../common/errors/app.exception';

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
 * Verifies the platform's access token: one pinned algorithm (HS256 with
 * `JWT_SECRET`, or RS256/ES256 with `JWT_PUBLIC_KEY`), issuer and audience when
 * configured, `exp` required, `sub` a non-empty string.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { verification, issuer, audience } = config.jwt;
    if (!verification) throw new Error('JWT verification key missing');
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, parsed once: given a string, jsonwebtoken parses the key again
      // on every request (and tries a secret as a PEM public key first).
      secretOrKey: (verification.algorithm === 'HS256'
        ? createSecretKey(Buffer.from(verification.key))
        : createPublicKey(verification.key)) as unknown as string, // passport-jwt passes it to jsonwebtoken, which takes a KeyObject; its types omit it
      algorithms: [verification.algorithm],
      issuer,
      audience,
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessTokenClaims): AuthenticatedUser {
    if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || claims.sub.length === 0) {
      throw new AppException('auth.unauthorized');
    }
    return { id: claims.sub };
  }
}
