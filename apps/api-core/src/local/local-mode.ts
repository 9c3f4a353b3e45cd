import { startStripeMock, type StripeMock } from '@creator-payouts/stripe-mock';
import { type AppConfig, ConfigError } from '../common/config/app-config';

/**
 * Local mode (NODE_ENV unset or `development`) lets a newcomer run the whole
 * flow with no configuration: a dev JWT secret, demo creators, and the
 * stripe-mock stand-in as Stripe. None of it applies in `test` or `production`.
 */

/** Public by design: tokens signed with it are only accepted in local mode. */
export const DEV_JWT_SECRET = 'local-dev-only-secret-do-not-use-in-production';
export const STANDIN_SECRET_KEY = 'sk_test_standin';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

export interface LocalModeResources {
  config: AppConfig;
  stripeMock?: StripeMock;
  /** What local mode filled in, for the start-up log. */
  warnings: string[];
}

export async function prepareLocalMode(config: AppConfig): Promise<LocalModeResources> {
  if (!config.localMode) return { config, warnings: [] };
  const warnings: string[] = [];
  let { jwt, stripe } = config;
  if (!jwt.verification) {
    // The dev secret is public: never let it guard a server others can reach.
    if (!LOOPBACK_HOSTS.has(config.host)) {
      throw new ConfigError(`Invalid configuration:\n  JWT_SECRET or JWT_PUBLIC_KEY: required when HOST=${config.host} (the dev secret is only used on loopback)`);
    }
    warnings.push('No JWT_SECRET or JWT_PUBLIC_KEY set: using the public dev secret. Never do this outside your machine.');
    jwt = { ...jwt, verification: { algorithm: 'HS256', key: DEV_JWT_SECRET } };
  }
  let stripeMock: StripeMock | undefined;
  if (!stripe.secretKey) {
    stripeMock = await startStripeMock();
    stripe = { ...stripe, secretKey: STANDIN_SECRET_KEY, apiBase: stripeMock.url };
    warnings.push(`No STRIPE_SECRET_KEY set: Stripe calls go to the local stripe-mock stand-in at ${stripeMock.url}.`);
  }
  return { config: { ...config, jwt, stripe }, stripeMock, warnings };
}
