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

interface AccessTokenClaims {
  sub?: unknown;
  exp?: unknown;
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
      secretOrKeyProvider: (_request: unknown, rawToken: string, done: (error: Error | null, key?: Buffer) => void) =>
        namesCriticalExtensions(rawToken) ? done(new Error('unsupported critical header extension')) : done(null, verification.key as unknown as Buffer),
      algorithms: [verification.algorithm],
      issuer,
      audience,
    });
  }

  /** Called with the verified claims; `false` fails authentication. */
  validate(claims: AccessTokenClaims): AuthenticatedUser | false {
    if (typeof claims.exp !== 'number' || !isUsableUserId(claims.sub)) return false;
    return { id: claims.sub };
  }
}

/** Whether the token's header carries `crit`: its extensions must be understood to accept the token, and ours are none. */
function namesCriticalExtensions(rawToken: string): boolean {
  try {
    return 'crit' in JSON.parse(Buffer.from(rawToken.split('.')[0], 'base64url').toString('utf8'));
  } catch {
    return false; // not our concern here: verification refuses a malformed token
  }
}
