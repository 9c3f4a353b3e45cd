import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createV2Account, isV2Account, newV2Account, thinEventPayload, type ThinEvent, v1ViewOfV2, v2OnboardingDone, v2View } from './accounts-v2';
import { fixtures } from './fixtures';

/**
 * A stand-in for stripe-mock (Stripe's stateless mock server), for the Stripe
 * endpoints this project calls. It reproduces stripe-mock's observable
 * behaviour: key-format authentication first, form-encoded bodies validated
 * against each route's parameters, fixtures with ids substituted, `Request-Id`
 * and echoed `Idempotency-Key` headers, and stripe-mock's error bodies.
 *
 * Why our own: stripe-mock is a Go program shipped as a Docker image, and
 * neither Docker nor Go builds are available on every machine this runs on.
 *
 * Faults: stripe-mock keeps no state, so it cannot produce the errors real
 * Stripe gives. `setFault()` makes the stand-in answer like Stripe does in
 * those cases, for the tests of the project's error mapping.
 *
 * Stateful mode (`stateful: true`, the stand-in's own, for the behaviour of
 * real Stripe the project depends on): created accounts get their own ids and
 * are kept (`GET` answers the account as it is now, 404 for an unknown one),
 * and idempotency works as Stripe documents it: the first answer to an
 * `Idempotency-Key` (5xx included) is saved and replayed for 24 h, and the
 * same key with other parameters is refused with `idempotency_error`. A
 * `connection_reset`, `no_answer` or delay fault then happens after the work is
 * done, as a network failure after Stripe executed the request would. API v2
 * replays no 5xx (Stripe's docs: a retry carries the failed work through to
 * completion): there a 5xx fault comes after the work is done, and the retry
 * with the key gets its result.
 *
 * Stateful mode is also a Connect platform of today (stripe-mock, with no
 * `/v2` routes, cannot be): `POST /v1/accounts` is refused with Stripe's text
 * unless `accountsV1` (the Dashboard's "Accounts v1 support") is on; Accounts
 * v2 is served (JSON bodies, parts omitted unless `include`d, the same
 * idempotency and faults per operation); `GET /v1/accounts/{id}` gives the v1
 * view of a v2 account; a login link is refused before onboarding is complete;
 * `thinEvent()` makes the thin events an event destination sends, and
 * `GET /v2/core/events/{id}` serves them.
 *
 * `hold()` keeps answers back until the test releases them: a Stripe call that
 * is slow for exactly as long as a test needs, with no clock to race.
 */

export type Fault =
  | 'not_express'
  | 'onboarding_incomplete'
  | 'no_such_account'
  | 'connect_not_enabled'
  | 'invalid_return_url'
  | 'invalid_api_key'
  | 'rate_limited'
  | 'idempotency_key_in_use'
  | 'server_error'
  | 'connection_reset'
  /** Stripe takes the request and never answers: only the client's own timeout ends the call, however busy the machine. */
  | 'no_answer'
  | { delayMs: number };

/** The Stripe calls the stand-in serves, named as the project's code calls them (one name for the v1 and v2 call alike). */
export type Operation = 'createLoginLink' | 'createAccount' | 'retrieveAccount' | 'createAccountLink' | 'retrieveEvent';

type Answer = { status: number; body: unknown };

interface Route {
  operation: Operation;
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** Names of the path parameters captured by `pattern`, in order. */
  pathParams: string[];
  /** Top-level body or query parameters the route accepts. */
  params: string[];
  /** Parameters the request must carry. */
  required?: string[];
  /** An Accounts v2 route: JSON bodies, and served in stateful mode only (stripe-mock has no `/v2`). */
  v2?: boolean;
  respond(path: Record<string, string>, body: URLSearchParams, state: State | null, pagesUrl?: string, json?: Record<string, unknown>): Answer;
}

/** What stateful mode keeps: the accounts (v1 and v2), the thin events made, and the saved answer of each idempotency key. */
interface State {
  accounts: Map<string, Record<string, unknown>>;
  events: Map<string, Record<string, unknown>>;
  idempotency: Map<string, { request: string; answer: Answer; savedAt: number }>;
  /** The platform has "Accounts v1 support" on: `POST /v1/accounts` works. */
  accountsV1: boolean;
}

/** How long Stripe keeps an idempotency key's answer. */
const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** stripe-mock's default HTTP port. */
export const DEFAULT_PORT = 12111;

/**
 * The stand-in's own routes (stripe-mock has none), for another process
 * (`npm run webhook`, the browser tests). Account state: what `setAccountState()`
 * does, the JSON fields to merge into accounts or empty to reset; in stateful
 * mode a body with an `id` changes that account only (creating it).
 */
export const CONTROL_ACCOUNT_STATE = '/_standin/account_state';
/** What `setFault()` does. Body: `{ fault, operation? }`, or empty to clear. */
export const CONTROL_FAULT = '/_standin/fault';
/** What `thinEvent()` does (stateful mode). Body: `{ type, account }`; answers the thin event. */
export const CONTROL_THIN_EVENT = '/_standin/thin_event';

// Local pages in place of Stripe's hosted onboarding and Express Dashboard (`hostedPages`).
const PAGE_ONBOARDING = '/_standin/onboarding';
const PAGE_DASHBOARD = '/_standin/dashboard';

// Characters stripe-mock accepts in a path id, after percent-decoding.
const PATH_ID = /^[\w@:%\-.~!$&'()*+,;=]+$/;

const ACCOUNT_PARAMS = [
  'account_token',
  'business_profile',
  'business_type',
  'capabilities',
  'company',
  'controller',
  'country',
  'default_currency',
  'documents',
  'email',
  'expand',
  'external_account',
  'groups',
  'individual',
  'metadata',
  'settings',
  'tos_acceptance',
  'type',
];

const routes: Route[] = [
  {
    operation: 'createLoginLink',
    method: 'POST',
    pattern: /^\/v1\/accounts\/([^/]+)\/login_links$/,
    pathParams: ['account'],
    params: ['expand'],
    respond: (path, body, state, pagesUrl) => {
      // stripe-mock cannot expand anything on a login link and fails with a 500.
      if (hasParam(body, 'expand')) return { status: 500, body: apiError('An internal error occurred.') };
      const account = state?.accounts.get(path.account);
      if (state && !account) return noSuchAccount(path.account);
      if (account && !(isV2Account(account) ? v2OnboardingDone(account) : account.details_submitted)) return onboardingIncomplete();
      const url = pagesUrl ? `${pagesUrl}${PAGE_DASHBOARD}?${new URLSearchParams({ account: path.account }).toString()}` : fixtures.login_link.url;
      return { status: 200, body: { ...fixtures.login_link, url } };
    },
  },
  {
    operation: 'createAccount',
    method: 'POST',
    pattern: /^\/v1\/accounts$/,
    pathParams: [],
    params: ACCOUNT_PARAMS,
    respond: (_path, body, state) => {
      const account: Record<string, unknown> = structuredClone(fixtures.account);
      if (!state) return { status: 200, body: account };
      if (!state.accountsV1) return { status: 400, body: invalidRequest(V1_CREATION_REFUSED) };
      account.id = `acct_${randomBytes(8).toString('hex')}`;
      account.email = body.get('email');
      account.metadata = nestedParams(body, 'metadata');
      if (hasParam(body, 'controller')) account.controller = { ...nestedParams(body, 'controller'), is_controller: true };
      if (body.get('type')) account.type = body.get('type');
      else delete account.type;
      state.accounts.set(account.id as string, account);
      return { status: 200, body: account };
    },
  },
  {
    operation: 'retrieveAccount',
    method: 'GET',
    pattern: /^\/v1\/accounts\/([^/]+)$/,
    pathParams: ['account'],
    params: ['expand'],
    respond: (path, _body, state) => {
      if (!state) return { status: 200, body: { ...structuredClone(fixtures.account), id: path.account } };
      const account = state.accounts.get(path.account);
      if (!account) return noSuchAccount(path.account);
      return { status: 200, body: isV2Account(account) ? v1ViewOfV2(account) : structuredClone(account) };
    },
  },
  {
    operation: 'createAccountLink',
    method: 'POST',
    pattern: /^\/v1\/account_links$/,
    pathParams: [],
    params: ['account', 'collect', 'collection_options', 'expand', 'refresh_url', 'return_url', 'type'],
    required: ['account', 'type'],
    respond: (_path, body, _state, pagesUrl) => {
      // The page returns to the URL it was started with (`hostedPages.returnUrl`), so the link carries none.
      const page = new URLSearchParams({ account: body.get('account') ?? '' });
      return {
        status: 200,
        body: { ...fixtures.account_link, url: pagesUrl ? `${pagesUrl}${PAGE_ONBOARDING}?${page.toString()}` : fixtures.account_link.url },
      };
    },
  },
  {
    operation: 'createAccount',
    method: 'POST',
    pattern: /^\/v2\/core\/accounts$/,
    pathParams: [],
    params: ['configuration', 'contact_email', 'contact_phone', 'dashboard', 'defaults', 'display_name', 'identity', 'include', 'metadata'],
    v2: true,
    respond: (_path, _body, state, _pagesUrl, json = {}) => {
      const account = createV2Account(json);
      state!.accounts.set(account.id as string, account);
      return { status: 200, body: v2View(account, includes(json.include)) };
    },
  },
  {
    operation: 'retrieveAccount',
    method: 'GET',
    pattern: /^\/v2\/core\/accounts\/([^/]+)$/,
    pathParams: ['account'],
    params: ['include'],
    v2: true,
    respond: (path, query, state) => {
      const account = state!.accounts.get(path.account);
      if (!isV2Account(account)) return noSuchAccount(path.account);
      return { status: 200, body: v2View(account!, query.getAll('include').concat(indexedParams(query, 'include'))) };
    },
  },
  {
    operation: 'createAccountLink',
    method: 'POST',
    pattern: /^\/v2\/core\/account_links$/,
    pathParams: [],
    params: ['account', 'use_case'],
    required: ['account', 'use_case'],
    v2: true,
    respond: (_path, _body, state, pagesUrl, json = {}) => {
      const accountId = String(json.account);
      if (!isV2Account(state!.accounts.get(accountId))) return noSuchAccount(accountId);
      const useCase = json.use_case as { type?: string; account_onboarding?: { refresh_url?: string } } | undefined;
      if (useCase?.type !== 'account_onboarding' && useCase?.type !== 'account_update')
        return { status: 400, body: invalidRequest('use_case.type must be account_onboarding or account_update.') };
      if (!(useCase as Record<string, { refresh_url?: string } | undefined>)[useCase.type]?.refresh_url) {
        return { status: 400, body: invalidRequest(`use_case.${useCase.type}.refresh_url is required.`) };
      }
      const created = new Date();
      const page = new URLSearchParams({ account: accountId });
      return {
        status: 200,
        body: {
          object: 'v2.core.account_link',
          account: accountId,
          created: created.toISOString(),
          expires_at: new Date(created.getTime() + 5 * 60_000).toISOString(),
          livemode: false,
          url: pagesUrl ? `${pagesUrl}${PAGE_ONBOARDING}?${page.toString()}` : fixtures.account_link.url,
          use_case: useCase,
        },
      };
    },
  },
  {
    operation: 'retrieveEvent',
    method: 'GET',
    pattern: /^\/v2\/core\/events\/([^/]+)$/,
    pathParams: ['event'],
    params: [],
    v2: true,
    respond: (path, _query, state) => {
      const event = state!.events.get(path.event);
      return event
        ? { status: 200, body: { ...structuredClone(event), data: null } }
        : { status: 404, body: { error: { code: 'resource_missing', message: `No such event: '${path.event}'`, type: 'invalid_request_error' } } };
    },
  },
];

/** Stripe's answer to `POST /v1/accounts` for a Connect platform set up after 2026-08-25 without Accounts v1 support. */
const V1_CREATION_REFUSED =
  'Stripe no longer recommends Accounts v1 for new Connect integrations. Create connected accounts with POST /v2/core/accounts instead: ' +
  'https://docs.stripe.com/connect/accounts-v2. If your integration requires v1 account creation for a supported compatibility scenario, ' +
  'enable Accounts v1 support in the Dashboard: https://dashboard.stripe.com/settings/connect/accounts-v1.';

export interface RecordedRequest {
  method: string;
  path: string;
  /** The form-encoded body as sent. */
  body: string;
  idempotencyKey?: string;
}

export interface StripeMockOptions {
  port?: number;
  host?: string;
  /** Accounts and idempotency keys kept as real Stripe keeps them (see above). */
  stateful?: boolean;
  /** Stateful mode: the platform has "Accounts v1 support" on, so `POST /v1/accounts` creates accounts (off: refused, as for a platform of today). */
  accountsV1?: boolean;
  /**
   * Small local pages in place of Stripe's hosted ones (local mode): account
   * links lead to an onboarding page whose "Complete onboarding" button calls
   * `onboardingCompleted` and then returns to `returnUrl`; login links lead to
   * a page naming the account. Without it, links are the fixtures'.
   */
  hostedPages?: {
    /**
     * The platform's return URL (local mode: STRIPE_CONNECT_RETURN_URL). The
     * only place the page returns to: unlike Stripe's, its link is no signed
     * secret, and following a `return_url` from it would be an open redirect.
     */
    returnUrl: string;
    onboardingCompleted(accountId: string): Promise<void>;
  };
}

export interface StripeMock {
  url: string;
  port: number;
  /**
   * Makes every following request (or, with `operation`, every call of that
   * operation) fail as `fault` says, until `setFault(null)`.
   */
  setFault(fault: Fault | null, options?: { operation?: Operation }): void;
  /**
   * Fields merged into every account this stand-in returns, to play the part of
   * Stripe after onboarding (stripe-mock itself always answers the fixture).
   */
  setAccountState(fields: Record<string, unknown> | null): void;
  /** Stateful mode: the accounts as they are now, by id. */
  readonly accounts: ReadonlyMap<string, Record<string, unknown>>;
  /**
   * Stateful mode: the account's fields as they are now, as Stripe would after changes; the rest stays. A new id
   * starts from the v1 fixture, or from a fresh v2 account when the fields say `object: 'v2.core.account'`
   * (`v2AccountFields()`).
   */
  putAccount(account: { id: string } & Record<string, unknown>): void;
  /**
   * Stateful mode: a thin event of type `type` about the account, as an event destination sends it (to sign and
   * deliver); `GET /v2/core/events/{id}` serves it from then on.
   */
  thinEvent(type: string, accountId: string): ThinEvent;
  /** Every request received so far, in order of arrival. */
  readonly requests: ReadonlyArray<RecordedRequest>;
  /**
   * Holds back the answers to `operation` from now on (or to its next `requests` calls; later ones pass): each is
   * computed when its request arrives (an account is read as it is then) and sent only on `release()`, which also
   * ends the hold.
   */
  hold(operation: Operation, options?: { requests?: number }): Hold;
  close(): Promise<void>;
}

export interface Hold {
  /** Resolves when the first held request has arrived. */
  readonly arrived: Promise<void>;
  release(): void;
}

export async function startStripeMock(options: StripeMockOptions = {}): Promise<StripeMock> {
  // Before listening: a bad return URL stops the start.
  const headers = options.hostedPages && pageHeaders(options.hostedPages.returnUrl);
  let fault: { fault: Fault; operation?: Operation } | null = null;
  const state: State | null = options.stateful
    ? { accounts: new Map(), events: new Map(), idempotency: new Map(), accountsV1: options.accountsV1 ?? false }
    : null;
  let accountState: Record<string, unknown> | null = null;
  const requests: RecordedRequest[] = [];
  let site: Site | undefined;
  let held: { operation: Operation; limit: number; answers: (() => void)[]; arrived(): void } | null = null;
  const hold = (operation: Operation, { requests = Infinity }: { requests?: number } = {}): Hold => {
    let arrived!: () => void;
    const first = new Promise<void>((resolve) => (arrived = resolve));
    const current = { operation, limit: requests, answers: [] as (() => void)[], arrived };
    held = current;
    return {
      arrived: first,
      release: () => {
        if (held === current) held = null;
        for (const answer of current.answers.splice(0)) answer();
      },
    };
  };
  /** Sends now, or when the hold on `operation` is released. */
  const whenReleased = (operation: Operation, sendAnswer: () => void) => {
    if (held?.operation !== operation || held.answers.length >= held.limit) return sendAnswer();
    held.answers.push(sendAnswer);
    held.arrived();
  };
  const setFault = (next: Fault | null, operation?: Operation) => void (fault = next && { fault: next, operation });
  const putAccount = (account: { id: string } & Record<string, unknown>) => {
    if (!state) throw new Error('putAccount needs the stateful mode');
    const stored = state.accounts.get(account.id) ?? (isV2Account(account) ? newV2Account(account.id) : structuredClone(fixtures.account));
    state.accounts.set(account.id, { ...stored, ...structuredClone(account) });
  };
  const thinEvent = (type: string, accountId: string) => {
    if (!state) throw new Error('thinEvent needs the stateful mode');
    const event = thinEventPayload(type, accountId);
    state.events.set(event.id, event);
    return structuredClone(event);
  };
  /** The stand-in's own routes, for another process: what `setAccountState()`, `putAccount()` and `setFault()` do. */
  const control = (req: IncomingMessage, res: ServerResponse, raw: string): boolean => {
    if (req.method !== 'POST' || (req.url !== CONTROL_ACCOUNT_STATE && req.url !== CONTROL_FAULT && req.url !== CONTROL_THIN_EVENT)) return false;
    let body: Record<string, unknown> | null;
    try {
      body = raw.trim() ? (JSON.parse(raw) as Record<string, unknown>) : null;
    } catch {
      send(res, 400, invalidRequest('The body must be a JSON object.'));
      return true;
    }
    if (req.url === CONTROL_THIN_EVENT) {
      if (!state || typeof body?.type !== 'string' || typeof body.account !== 'string')
        send(res, 400, invalidRequest('Stateful mode, and a body { type, account }.'));
      else send(res, 200, thinEvent(body.type, body.account));
    } else if (req.url === CONTROL_FAULT) {
      setFault((body?.fault as Fault | undefined) ?? null, body?.operation as Operation | undefined);
      send(res, 200, { fault });
    } else if (state && typeof body?.id === 'string') {
      // Stateful: the one account named changes, as it would at Stripe.
      putAccount(body as { id: string });
      send(res, 200, state.accounts.get(body.id));
    } else {
      // Stateless: every account answers so (an `id` would rename them all).
      const { id: _id, ...fields } = body ?? {};
      accountState = body ? fields : null;
      send(res, 200, { account_state: accountState });
    }
    return true;
  };
  const server: Server = createServer((req, res) => {
    const idempotencyKey = req.headers['idempotency-key'];
    readBody(req)
      .then(async (raw) => {
        if (site && (await servePage(req, res, raw, site, state))) return;
        requests.push({
          method: req.method ?? 'GET',
          path: (req.url ?? '/').split('?')[0],
          body: raw,
          idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
        });
        handle(req, res, raw, { fault, accountState, state, pagesUrl: site?.url, whenReleased }, control);
      })
      .catch(() => send(res, 500, apiError('An internal error occurred.')));
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  if (options.hostedPages) site = { ...options.hostedPages, url: `http://127.0.0.1:${port}`, headers: headers! };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setFault: (next, { operation } = {}) => setFault(next, operation),
    setAccountState: (fields) => void (accountState = fields),
    accounts: state?.accounts ?? new Map(),
    putAccount,
    thinEvent,
    requests,
    hold,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Conditions {
  fault: { fault: Fault; operation?: Operation } | null;
  accountState: Record<string, unknown> | null;
  state: State | null;
  /** Where the hosted pages are, when the stand-in serves them. */
  pagesUrl?: string;
  whenReleased: (operation: Operation, sendAnswer: () => void) => void;
}

function handle(
  req: IncomingMessage,
  res: ServerResponse,
  raw: string,
  { fault, accountState, state, pagesUrl, whenReleased }: Conditions,
  control: (req: IncomingMessage, res: ServerResponse, raw: string) => boolean,
): void {
  if (!isAuthenticated(req.headers.authorization)) {
    sendRaw(
      res,
      401,
      invalidRequest(
        'Please authenticate by specifying an `Authorization` header with any valid looking testmode secret API key. ' +
          "For example, `Authorization: Bearer sk_test_123`. Authorization was '" +
          (req.headers.authorization ?? '') +
          "'.",
      ),
    );
    return;
  }
  const method = req.method ?? 'GET';
  if (control(req, res, raw)) return;
  // Repeated slashes are collapsed first: `//v1` would otherwise parse as a host.
  const [rawPath, query = ''] = (req.url ?? '/').split(/\?(.*)/s);
  const url = new URL(`${rawPath.replace(/\/{2,}/g, '/')}?${query}`, 'http://stripe-mock');
  const pathname = url.pathname;
  const match = matchRoute(method, pathname);
  if (!match || (match.route.v2 && !state)) {
    send(res, 404, invalidRequest(`Unrecognized request URL (${method}: ${pathname}).`));
    return;
  }
  const { route, path } = match;

  const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const bodyType = route.v2 ? 'application/json' : 'application/x-www-form-urlencoded';
  if (raw.length > 0 && contentType !== bodyType) {
    send(res, 400, invalidRequest(`Request validation error: unsupported content type ${contentType || '(none)'}; use ${bodyType}`));
    return;
  }
  const params = method === 'GET' ? url.searchParams : new URLSearchParams(route.v2 ? '' : raw);
  let json: Record<string, unknown> | undefined;
  if (route.v2 && method === 'POST') {
    json = parseJsonObject(raw);
    if (!json) {
      send(res, 400, invalidRequest('Request validation error: the body must be a JSON object.'));
      return;
    }
  }
  const names = json ? Object.keys(json) : [...params.keys()].map(topLevelName);
  const unknown = [...new Set(names)].filter((name) => !route.params.includes(name));
  if (unknown.length > 0) {
    send(res, 400, invalidRequest(`Request validation error: validator ... additional properties are not allowed: ${unknown.join(', ')}`));
    return;
  }
  const missing = (route.required ?? []).filter((name) => (json ? json[name] === undefined : !hasParam(params, name)));
  if (missing.length > 0) {
    send(res, 400, invalidRequest(`Request validation error: validator ... missing properties: ${missing.join(', ')}`));
    return;
  }

  const idempotencyKey = req.headers['idempotency-key'] ? String(req.headers['idempotency-key']) : undefined;
  if (idempotencyKey) res.setHeader('Idempotency-Key', idempotencyKey);
  const active = fault && (!fault.operation || fault.operation === route.operation) ? fault.fault : null;
  const answer = respond(route, path, params, json, { idempotencyKey, request: `${method} ${pathname} ${raw}` }, active, accountState, state, pagesUrl);
  whenReleased(route.operation, () => !res.destroyed && deliver(res, active, answer));
}

/** Stripe's answer: a saved one for a used idempotency key, else the route's (or the fault's) answer, saved for the key. */
function respond(
  route: Route,
  path: Record<string, string>,
  params: URLSearchParams,
  json: Record<string, unknown> | undefined,
  { idempotencyKey, request }: { idempotencyKey?: string; request: string },
  fault: Fault | null,
  accountState: Record<string, unknown> | null,
  state: State | null,
  pagesUrl: string | undefined,
): Answer & { replayed?: boolean } {
  const keyed = state && idempotencyKey && route.method === 'POST' ? idempotencyKey : undefined;
  const saved = keyed ? savedAnswer(state!, keyed) : undefined;
  if (saved && saved.request !== request) {
    const message = `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${keyed}' if you meant to execute a different request.`;
    return { status: 400, body: { error: { message, type: 'idempotency_error' } } };
  }
  if (saved) return { ...saved.answer, replayed: true };

  const failure = fault && faultAnswer(fault, path);
  if (keyed && route.v2 && failure && failure.status >= 500) {
    // The worst case for a client: the work was done before the failure. So it is, and the retry gets its result.
    state!.idempotency.set(keyed, { request, answer: route.respond(path, params, state, pagesUrl, json), savedAt: Date.now() });
    return failure;
  }
  const { status, body } = failure ?? route.respond(path, params, state, pagesUrl, json);
  const isAccount = (body as { object?: string }).object === 'account';
  const answer = { status, body: isAccount && accountState ? { ...(body as object), ...accountState } : body };
  // Once the endpoint ran, Stripe keeps its answer for the key, even if the client never receives it. Refused
  // before running (authentication, rate limit, a request with the same key still running): nothing is kept.
  if (keyed && ![401, 409, 429].includes(status)) state!.idempotency.set(keyed, { request, answer, savedAt: Date.now() });
  return answer;
}

/** Sends the answer, through the network faults: those hit replays too, as a bad network would. */
function deliver(res: ServerResponse, fault: Fault | null, answer: Answer & { replayed?: boolean }): void {
  if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
  if (fault === 'connection_reset') {
    // Headers and half a body, then the connection drops.
    res.writeHead(200, { 'Content-Type': 'application/json', 'Request-Id': 'req_123' });
    res.write('{"object":"login_link","url":"https://connect.str');
    res.socket?.destroy();
  } else if (fault === 'no_answer') {
    // Nothing is sent: the client gives up, or close() ends the connection.
  } else if (fault && typeof fault === 'object') {
    const timer = setTimeout(() => !res.destroyed && send(res, answer.status, answer.body), fault.delayMs);
    res.on('close', () => clearTimeout(timer));
  } else {
    send(res, answer.status, answer.body);
  }
}

/** The hosted pages as started: where they are (`url`, the stand-in's own) and the headers every page sends. */
type Site = NonNullable<StripeMockOptions['hostedPages']> & { url: string; headers: Record<string, string> };

/**
 * The app's framing and CSP headers (helmet()'s defaults, apps/api-core/src/app.factory.ts),
 * written out: the stand-in has no dependencies. One addition: `form-action`
 * allows the return URL's origin too, because browsers check the redirect
 * that follows the onboarding form against it.
 */
function pageHeaders(returnUrl: string): Record<string, string> {
  const url = URL.parse(returnUrl);
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:')
    throw new Error(`hostedPages.returnUrl must be an http(s) URL, not ${JSON.stringify(returnUrl)}`);
  const csp = [
    "default-src 'self'",
    "base-uri 'self'",
    "font-src 'self' https: data:",
    `form-action 'self' ${url.origin}`,
    "frame-ancestors 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    "style-src 'self' https: 'unsafe-inline'",
    'upgrade-insecure-requests',
  ];
  return { 'Content-Security-Policy': csp.join(';'), 'X-Frame-Options': 'SAMEORIGIN' };
}

/**
 * The hosted pages (`hostedPages`): Stripe's onboarding and Express Dashboard,
 * played by two small pages with no script. True when the request was one of them.
 */
async function servePage(req: IncomingMessage, res: ServerResponse, raw: string, site: Site, state: State | null): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://stripe-mock');
  if (url.pathname !== PAGE_ONBOARDING && url.pathname !== PAGE_DASHBOARD) return false;
  const params = req.method === 'POST' ? new URLSearchParams(raw) : url.searchParams;
  const account = params.get('account') ?? '';
  if (state && !state.accounts.has(account)) {
    sendPage(res, site.headers, 404, 'No such account', `<p>The stand-in has no account <code>${escapeHtml(account)}</code>.</p>`);
  } else if (url.pathname === PAGE_DASHBOARD && req.method === 'GET') {
    sendPage(
      res,
      site.headers,
      200,
      'Express Dashboard (stand-in)',
      `<p>This page stands in for the Stripe Express Dashboard. In production the creator sees their balance, payouts and bank details here.</p>
<p>Opened for account <strong data-testid="account-id">${escapeHtml(account)}</strong>.</p>`,
    );
  } else if (req.method === 'GET') {
    sendPage(
      res,
      site.headers,
      200,
      'Stripe onboarding (stand-in)',
      `<p>This page stands in for Stripe's hosted onboarding of account <strong data-testid="account-id">${escapeHtml(account)}</strong>.</p>
<form method="post" action="${PAGE_ONBOARDING}">
<input type="hidden" name="account" value="${escapeHtml(account)}">
<button type="submit">Complete onboarding</button>
</form>`,
    );
  } else if (req.headers.origin !== site.url) {
    // Only the page's own form: another site's form could onboard any account and send its webhook. Its
    // own URL, not one built from Host: a page that points its name at 127.0.0.1 sends its own in both.
    sendPage(res, site.headers, 403, 'Forbidden', '<p>Complete onboarding from the onboarding page.</p>');
  } else {
    try {
      await site.onboardingCompleted(account);
    } catch (error) {
      sendPage(res, site.headers, 502, 'Onboarding not completed', `<p>${escapeHtml((error as Error).message)}</p>`);
      return true;
    }
    res.writeHead(303, { Location: site.returnUrl });
    res.end();
  }
  return true;
}

function sendPage(res: ServerResponse, headers: Record<string, string>, status: number, title: string, body: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}button{font:inherit;padding:.5rem 1rem}</style></head>
<body><h1>${title}</h1>${body}</body></html>`;
  res.writeHead(status, { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html), 'Cache-Control': 'no-store' });
  res.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function savedAnswer(state: State, key: string) {
  const saved = state.idempotency.get(key);
  if (saved && Date.now() - saved.savedAt > IDEMPOTENCY_KEY_TTL_MS) state.idempotency.delete(key);
  return state.idempotency.get(key);
}

/** Stripe's answer in the case a fault stands for; null for the network faults, which follow a normal answer. */
function faultAnswer(fault: Fault, path: Record<string, string>): Answer | null {
  switch (fault) {
    case 'not_express':
      return { status: 400, body: invalidRequest('This account is not an Express account; login links can only be created for Express accounts.') };
    case 'onboarding_incomplete':
      return onboardingIncomplete();
    case 'no_such_account':
      return noSuchAccount(path.account);
    case 'connect_not_enabled':
      // The platform has not signed up for Connect: Stripe's 400 with neither code nor param, on any Connect call.
      return {
        status: 400,
        body: invalidRequest(
          "You can only create new accounts if you've signed up for Connect, which you can learn how to do at https://stripe.com/docs/connect.",
        ),
      };
    case 'invalid_return_url':
      return { status: 400, body: { error: { code: 'url_invalid', message: 'Not a valid URL', param: 'return_url', type: 'invalid_request_error' } } };
    case 'invalid_api_key':
      return { status: 401, body: { error: { code: 'api_key_expired', message: 'Expired API Key provided.', type: 'invalid_request_error' } } };
    case 'rate_limited':
      return { status: 429, body: { error: { code: 'rate_limit', message: 'Too many requests hit the API too quickly.', type: 'invalid_request_error' } } };
    case 'idempotency_key_in_use':
      return {
        status: 409,
        body: {
          error: {
            code: 'idempotency_key_in_use',
            message: 'There is currently another in-progress request using this Idempotent Key.',
            type: 'idempotency_error',
          },
        },
      };
    case 'server_error':
      return { status: 500, body: apiError('An unknown error occurred') };
    default:
      return null;
  }
}

function onboardingIncomplete(): Answer {
  return { status: 400, body: invalidRequest('Cannot create a login link for an account that has not completed onboarding.') };
}

function noSuchAccount(account: string | undefined): Answer {
  return {
    status: 404,
    body: { error: { code: 'resource_missing', message: `No such account: '${account}'`, param: 'account', type: 'invalid_request_error' } },
  };
}

/** `name[key]=value` (and `name[a][b]=value`) parameters as an object, as Stripe reads them. */
function nestedParams(params: URLSearchParams, name: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of params) {
    if (!key.startsWith(`${name}[`)) continue;
    const path = [...key.slice(name.length).matchAll(/\[([^\]]*)\]/g)].map((match) => match[1]);
    let node = result;
    for (const segment of path.slice(0, -1)) node = (node[segment] ??= {}) as Record<string, unknown>;
    node[path.at(-1)!] = value;
  }
  return result;
}

/** `name[0]=a&name[1]=b`, as stripe-node writes an array in a query. */
function indexedParams(params: URLSearchParams, name: string): string[] {
  return [...params].filter(([key]) => new RegExp(`^${name}\\[\\d+\\]$`).test(key)).map(([, value]) => value);
}

/** The `include` of a v2 request body. */
function includes(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((name): name is string => typeof name === 'string') : [];
}

function parseJsonObject(raw: string): Record<string, unknown> | undefined {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function matchRoute(method: string, pathname: string): { route: Route; path: Record<string, string> } | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    const found = route.pattern.exec(pathname);
    if (!found) continue;
    const path: Record<string, string> = {};
    for (const [index, name] of route.pathParams.entries()) {
      let value: string;
      try {
        value = decodeURIComponent(found[index + 1]);
      } catch {
        return null;
      }
      if (!PATH_ID.test(value)) return null;
      path[name] = value;
    }
    return { route, path };
  }
  return null;
}

/** stripe-mock's rule: `sk_test_X` or `rk_test_X`, as a bearer token or a Basic user. */
function isAuthenticated(header: string | undefined): boolean {
  if (!header) return false;
  let key: string;
  if (header.startsWith('Bearer ')) key = header.slice('Bearer '.length);
  else if (header.startsWith('Basic ')) key = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8').split(':')[0];
  else return false;
  const parts = key.split('_');
  return parts.length === 3 && (parts[0] === 'sk' || parts[0] === 'rk') && parts[1] === 'test' && parts[2].length > 0;
}

function topLevelName(key: string): string {
  const bracket = key.indexOf('[');
  return bracket === -1 ? key : key.slice(0, bracket);
}

function hasParam(params: URLSearchParams, name: string): boolean {
  return [...params.keys()].some((key) => topLevelName(key) === name);
}

function invalidRequest(message: string) {
  return { error: { message, type: 'invalid_request_error' } };
}

function apiError(message: string) {
  return { error: { message, type: 'api_error' } };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.setHeader('Request-Id', 'req_123');
  sendRaw(res, status, body);
}

function sendRaw(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
  res.end(payload);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
