import type { IncomingMessage, ServerResponse } from 'node:http';
import { type PrismaClient, StripeAccountApi, StripeAccountStatus } from '@creator-payouts/prisma';
import type { StripeMock } from '@creator-payouts/stripe-mock';
import { type AppConfig, ConfigError, hs256Verification } from '@creator-payouts/api-core/common/config/app-config';
import { sendError } from '@creator-payouts/api-core/common/http/all-exceptions.filter';
// Type only: connect-events loads the stand-in package, a development dependency (see loadStripeMock).
import type { ACCOUNT_CHANGES } from './connect-events';

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
// The creator web app's pages Stripe onboarding returns to; local mode serves the app itself.
const LOCAL_CONNECT_RETURN_PATH = '/payouts?from=stripe';
const LOCAL_CONNECT_REFRESH_PATH = '/payouts/refresh';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
/**
 * A Host header naming this machine: the loopback names a browser sends, in any
 * case (names are case-insensitive), with any port or none (the web app's dev
 * server proxies with its own, 5173). Nothing else: `localhost.` is a name DNS
 * may answer, browsers send other loopback spellings (127.1, [0::1]) in these
 * forms, and Host never has userinfo.
 */
const LOOPBACK_HOST_HEADER = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;

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
  if (stripe.webhookSecrets.length === 0) {
    requireLoopback(config.host, 'STRIPE_WEBHOOK_SECRET');
    stripe = { ...stripe, webhookSecrets: [DEV_WEBHOOK_SECRET] };
    warnings.push('No STRIPE_WEBHOOK_SECRET set: the webhook accepts events signed with the public dev secret (npm run webhook).');
  }
  // Where a browser on this machine reaches the app: Stripe's return URLs and the stand-in's webhook target.
  const appUrl = `http://${browserHost(config.host)}:${config.port}`;
  if (config.port === 0) warnings.push('PORT=0: the return URLs of onboarding links cannot name the port; set a PORT to walk the journey in a browser.');
  stripe = {
    ...stripe,
    connectRefreshUrl: stripe.connectRefreshUrl ?? `${appUrl}${LOCAL_CONNECT_REFRESH_PATH}`,
    connectReturnUrl: stripe.connectReturnUrl ?? `${appUrl}${LOCAL_CONNECT_RETURN_PATH}`,
  };
  let stripeMock: StripeMock | undefined;
  if (!stripe.secretKey) {
    stripeMock = await startLocalStripe(appUrl, stripe.webhookSecrets[0], stripe.connectReturnUrl!, stripe.accountsApi === StripeAccountApi.V1);
    stripe = { ...stripe, secretKey: STANDIN_SECRET_KEY, apiBase: stripeMock.url };
    warnings.push(`No STRIPE_SECRET_KEY set: Stripe calls go to the local stripe-mock stand-in at ${stripeMock.url}.`);
  }
  return { config: { ...config, jwt, stripe }, stripeMock, warnings };
}

/**
 * The stand-in as local mode's Stripe: a platform of today (v1 account
 * creation only with STRIPE_ACCOUNTS_API=v1, as if its v1 support were on).
 * It keeps each account (stateful), and its links lead to local pages in place
 * of Stripe's. Their "Complete onboarding" does what `npm run webhook -- <id>
 * onboarded` does: the account becomes onboarded, and the signed event (a thin
 * one for a v2 account) goes to this app's webhook; then the browser goes to
 * the configured return URL, and nowhere else.
 */
async function startLocalStripe(appUrl: string, webhookSecret: string, returnUrl: string, accountsV1: boolean): Promise<StripeMock> {
  const { DEFAULT_PORT, startStripeMock, v2AccountFields } = await loadStripeMock();
  const { ACCOUNT_CHANGES, deliverEvent, deliverConnectEvent, stripeAccountFields } = loadConnectEvents();
  const onboarded = ACCOUNT_CHANGES.onboarded;
  const options = {
    stateful: true,
    accountsV1,
    hostedPages: {
      returnUrl,
      async onboardingCompleted(accountId: string) {
        let res: Response;
        if (stripeMock.accounts.get(accountId)?.object === 'v2.core.account') {
          stripeMock.putAccount({ id: accountId, ...v2AccountFields(onboarded.v2!.state) });
          res = await deliverEvent(appUrl, webhookSecret, stripeMock.thinEvent(onboarded.v2!.thinType, accountId));
        } else {
          stripeMock.putAccount({ id: accountId, ...stripeAccountFields(onboarded.account!) });
          res = await deliverConnectEvent(appUrl, webhookSecret, onboarded, accountId);
        }
        if (!res.ok) throw new Error(`The webhook answered ${res.status}: ${await res.text()}`);
      },
    },
  };
  // stripe-mock's usual port, so `npm run webhook` can find it; any free port if that one is taken.
  const stripeMock: StripeMock = await startStripeMock({ ...options, port: DEFAULT_PORT }).catch(() => startStripeMock(options));
  return stripeMock;
}

/** Stripe's view of each account this database knows, after a restart of the stand-in (which keeps its accounts in memory). */
const STANDIN_STATE: Record<StripeAccountStatus, keyof typeof ACCOUNT_CHANGES | null> = {
  NOT_STARTED: null,
  PENDING: null,
  RESTRICTED: 'restricted',
  ACTIVE: 'onboarded',
  DISABLED: 'rejected',
};

/** Gives the stand-in the accounts the embedded database already has (the demo ones, and those made before a restart), each on its API. */
export async function restoreStandInAccounts(prisma: PrismaClient, stripeMock: StripeMock): Promise<void> {
  const { v2AccountFields } = await loadStripeMock();
  const { ACCOUNT_CHANGES, stripeAccountFields } = loadConnectEvents();
  const profiles = await prisma.creatorProfile.findMany({
    where: { stripeAccountId: { not: null } },
    select: { userId: true, stripeAccountId: true, stripeAccountStatus: true, stripeAccountApi: true },
  });
  for (const { userId, stripeAccountId, stripeAccountStatus, stripeAccountApi } of profiles) {
    const change = STANDIN_STATE[stripeAccountStatus];
    const fields =
      stripeAccountApi === StripeAccountApi.V2
        ? v2AccountFields(change ? ACCOUNT_CHANGES[change].v2!.state : 'onboarding')
        : change
          ? stripeAccountFields(ACCOUNT_CHANGES[change].account!)
          : {};
    stripeMock.putAccount({ id: stripeAccountId!, metadata: { platformUserId: userId }, ...fields });
  }
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

/** The address a browser uses for the app listening on `host` (all interfaces: loopback). */
function browserHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * The demo sign-in and the served web app (LocalWebModule): local mode, on
 * loopback only, and only where tokens are HS256 (it mints them). A dev token
 * page reachable from the network would hand out tokens signed with JWT_SECRET.
 */
export function servesLocalPages(config: AppConfig): boolean {
  return config.localMode && LOOPBACK_HOSTS.has(config.host) && config.jwt.verification?.algorithm === 'HS256';
}

/**
 * DNS rebinding: a web page can point its own name at 127.0.0.1 and then read
 * this server as its own origin. Local mode on loopback has public dev secrets
 * (a page can sign its own token or webhook event) and a sign-in that hands out
 * tokens, so all of it answers only requests addressed to a loopback name.
 */
export function answersLoopbackHostOnly(config: Pick<AppConfig, 'localMode' | 'host'>): boolean {
  return config.localMode && LOOPBACK_HOSTS.has(config.host);
}

/**
 * The middleware for `answersLoopbackHostOnly`. The Host header itself, never
 * X-Forwarded-Host (which a page may set); a request without one is refused too.
 */
export function requireLoopbackHost(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  if (LOOPBACK_HOST_HEADER.test(req.headers.host ?? '')) next();
  else sendError(req, res, 'local.host_not_allowed');
}

/** Loaded once local mode runs the stand-in: it imports the stand-in package's fixtures. */
function loadConnectEvents(): typeof import('./connect-events') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous and lazy, as its caller needs
  return require('./connect-events') as typeof import('./connect-events');
}

/** The dev secrets are public: never let them guard a server others can reach. */
function requireLoopback(host: string, variable: string): void {
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new ConfigError(`Invalid configuration:\n  ${variable}: required when HOST=${host} (dev secrets are only used on loopback)`);
  }
}
