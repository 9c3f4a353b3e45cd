import type { StripeMock } from '@creator-payouts/stripe-mock';
import { type AppConfig, ConfigError, hs256Verification } from '../common/config/app-config';

/**
 * Local mode (the embedded database, NODE_ENV unset or `development`: see
 * `isLocalMode`) lets a newcomer run the whole flow with no configuration: a
 * dev JWT secret, demo creators, and the stripe-mock stand-in as Stripe. None
 * of it applies with DATABASE_URL set or in `test` or `production`.
 */

/** Public by design: tokens signed with it are only accepted in local mode. */
export const DEV_JWT_SECRET = 'local-dev-only-secret-do-not-use-in-production';
export const STANDIN_SECRET_KEY = 'sk_test_standin';
/** Public by design, like the dev JWT secret: signs test webhooks sent to a local server. */
export const DEV_WEBHOOK_SECRET = 'whsec_local_dev_only';
// Stand-ins for the creator web app's pages that Stripe onboarding returns to.
const LOCAL_CONNECT_REFRESH_URL = 'http://localhost:5173/settings/payouts?stripe=refresh';
const LOCAL_CONNECT_RETURN_URL = 'http://localhost:5173/settings/payouts?stripe=return';
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
    requireLoopback(config.host, 'JWT_SECRET or JWT_PUBLIC_KEY');
    warnings.push('No JWT_SECRET or JWT_PUBLIC_KEY set: using the public dev secret. Never do this outside your machine.');
    jwt = { ...jwt, verification: hs256Verification(DEV_JWT_SECRET) };
  }
  let stripeMock: StripeMock | undefined;
  if (!stripe.secretKey) {
    const { DEFAULT_PORT, startStripeMock } = await loadStripeMock();
    // stripe-mock's usual port, so `npm run webhook` can find it; any free port if that one is taken.
    stripeMock = await startStripeMock({ port: DEFAULT_PORT }).catch(() => startStripeMock());
    stripe = { ...stripe, secretKey: STANDIN_SECRET_KEY, apiBase: stripeMock.url };
    warnings.push(`No STRIPE_SECRET_KEY set: Stripe calls go to the local stripe-mock stand-in at ${stripeMock.url}.`);
  }
  if (!stripe.webhookSecret) {
    requireLoopback(config.host, 'STRIPE_WEBHOOK_SECRET');
    stripe = { ...stripe, webhookSecret: DEV_WEBHOOK_SECRET };
    warnings.push('No STRIPE_WEBHOOK_SECRET set: the webhook accepts events signed with the public dev secret (npm run webhook).');
  }
  stripe = {
    ...stripe,
    connectRefreshUrl: stripe.connectRefreshUrl ?? LOCAL_CONNECT_REFRESH_URL,
    connectReturnUrl: stripe.connectReturnUrl ?? LOCAL_CONNECT_RETURN_URL,
  };
  return { config: { ...config, jwt, stripe }, stripeMock, warnings };
}

const STRIPE_MOCK = '@creator-payouts/stripe-mock';

/** A development dependency, loaded only here: a production install (`npm ci --omit=dev`) does not have it. */
async function loadStripeMock(): Promise<typeof import('@creator-payouts/stripe-mock')> {
  try {
    return await import('@creator-payouts/stripe-mock');
  } catch (error) {
    // Only the package itself missing; a failure inside it (or a dependency of it missing) stays as it is.
    const { code, message } = error as NodeJS.ErrnoException;
    if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(`'${STRIPE_MOCK}'`)) {
      throw new ConfigError(
        `Local mode needs the development dependencies (${STRIPE_MOCK} is not installed): run npm install, or set DATABASE_URL and STRIPE_SECRET_KEY for a configured deployment.`,
      );
    }
    throw error;
  }
}

/** The dev secrets are public: never let them guard a server others can reach. */
function requireLoopback(host: string, variable: string): void {
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new ConfigError(`Invalid configuration:\n  ${variable}: required when HOST=${host} (dev secrets are only used on loopback)`);
  }
}
