import { Logger } from '@nestjs/common';
import { startStripeMock, type StripeMock } from '@creator-payouts/stripe-mock';
import type { AppConfig } from '../common/config/app-config';

/**
 * Local mode (NODE_ENV unset or `development`) lets a newcomer run the whole
 * flow with no configuration: a dev JWT secret, demo creators, and the
 * stripe-mock stand-in as Stripe. None of it applies in `test` or `production`.
 */

/** Public by design: tokens signed with it are only accepted in local mode. */
export const DEV_JWT_SECRET = 'local-dev-only-secret-do-not-use-in-production';
export const STANDIN_SECRET_KEY = 'sk_test_standin';

export interface LocalModeResources {
  config: AppConfig;
  stripeMock?: StripeMock;
}

export async function prepareLocalMode(config: AppConfig): Promise<LocalModeResources> {
  if (!config.localMode) return { config };
  const logger = new Logger('LocalMode');
  let { jwt, stripe } = config;
  if (!jwt.verification) {
    logger.warn('No JWT_SECRET or JWT_PUBLIC_KEY set: using the public dev secret. Never do this outside your machine.');
    jwt = { ...jwt, verification: { algorithm: 'HS256', key: DEV_JWT_SECRET } };
  }
  let stripeMock: StripeMock | undefined;
  if (!stripe.secretKey) {
    stripeMock = await startStripeMock();
    stripe = { ...stripe, secretKey: STANDIN_SECRET_KEY, apiBase: stripeMock.url };
    logger.warn(`No STRIPE_SECRET_KEY set: Stripe calls go to the local stripe-mock stand-in at ${stripeMock.url}.`);
  }
  return { config: { ...config, jwt, stripe }, stripeMock };
}
