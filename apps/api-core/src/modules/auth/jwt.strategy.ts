import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../../common/config/app-config';
import { bearerToken } from '../../common/http/bearer-token';
import { isUsableUserId } from '@creator-payouts/nestjs-stripe-connect';

/** The caller, as the platform's auth service vouched for them. */
export interface AuthenticatedUser {
  /** `User.id`, from the token's `sub`. */
  id: string;
}

/** What jsonwebtoken hands on with `complete: true`, once the signature and the registered claims are verified. */
interface VerifiedToken {
  header: object;
  payload: { sub?: unknown; exp?: unknown };
}

/**
 * The platform's bearer access token (passport-jwt): one pinned algorithm
 * (HS256 with `JWT_SECRET`, RS256/ES256 with `JWT_PUBLIC_KEY`), issuer and
 * audience when configured, `exp` required, `sub` a usable user id, and no
 * critical header extensions (RFC 7515 §4.1.11: we understand none).
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
      // The verified header with the claims, so that `crit` is read from the decoding jsonwebtoken did anyway.
      jsonWebTokenOptions: { complete: true },
    });
  }

  /** Called with the verified token; `false` fails authentication. */
  validate({ header, payload }: VerifiedToken): AuthenticatedUser | false {
    // `crit` names extensions that must be understood to accept the token, and we understand none.
    if ('crit' in header) return false;
    if (typeof payload.exp !== 'number' || !isUsableUserId(payload.sub)) return false;
    return { id: payload.sub };
  }
}
