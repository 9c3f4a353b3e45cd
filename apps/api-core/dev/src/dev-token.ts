import jwt from 'jsonwebtoken';
import { type AppConfig, ConfigError, hs256Verification } from '@creator-payouts/api-core/common/config/app-config';
import { DEV_JWT_SECRET } from './local-mode';

/**
 * An access token as the platform's auth service would issue it, for local
 * testing (`npm run token`, local mode's sign-in page): HS256 with JWT_SECRET,
 * or with the dev secret local mode uses, and JWT_ISSUER/JWT_AUDIENCE when set.
 */
export function signDevToken(jwtConfig: AppConfig['jwt'], userId: string, ttlSeconds: number): string {
  const verification = jwtConfig.verification ?? hs256Verification(DEV_JWT_SECRET);
  if (verification.algorithm !== 'HS256') {
    throw new ConfigError('JWT_PUBLIC_KEY is set: tokens must come from the auth service that holds the private key.');
  }
  return jwt.sign({}, verification.key, {
    algorithm: 'HS256',
    subject: userId,
    expiresIn: ttlSeconds,
    ...(jwtConfig.issuer && { issuer: jwtConfig.issuer }),
    ...(jwtConfig.audience && { audience: jwtConfig.audience }),
  });
}
