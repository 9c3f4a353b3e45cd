import createClient from 'openapi-fetch';
import type { components, paths } from './schema.js';

type Schemas = components['schemas'];
export type ConnectStatus = Schemas['ConnectStatusResponseDto'];
export type StripeAccountStatus = ConnectStatus['stripeAccountStatus'];
export type InitiateConnectResult = Schemas['InitiateConnectResponseDto'];
export type OnboardingLink = Schemas['OnboardingLinkResponseDto'];
export type DashboardLink = Schemas['DashboardLinkResponseDto'];
/** Every `i18nKey` the API can answer with (from its OpenAPI document). */
export type ApiErrorKey = Schemas['ApiErrorDto']['i18nKey'];
/** Failures with no answer from the API: the request never got one, or got something that is not the envelope (a proxy's page). */
export type ClientErrorKey = 'client.network_error' | 'client.unexpected_response';

/**
 * A failed call: the API's error envelope, or a failure on the way. Switch on
 * `i18nKey`; `message` is the API's text in the requested language (a fallback
 * for keys the app has no wording of its own for).
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    /** HTTP status; 0 when no answer arrived. */
    readonly status: number,
    readonly code: string,
    readonly i18nKey: ApiErrorKey | ClientErrorKey,
    message: string,
    /** The request's id in the API's logs, to quote to support; absent when no answer arrived. */
    readonly correlationId?: string,
    /** On 429: seconds until the rate-limit window ends. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export interface PayoutsClientOptions {
  /** The API's origin, e.g. `https://api.example.com`; empty for the page's own origin. */
  baseUrl?: string;
  /** The creator's access token (the platform's session), read on every call. */
  getToken(): string | null | undefined;
  /** Sent as `Accept-Language`, so the API's fallback messages match the page. */
  language?: string;
  fetch?: typeof globalThis.fetch;
}

/**
 * The creator Stripe Connect endpoints, typed from the API's OpenAPI document.
 * Each method resolves with the envelope's `data` or throws an `ApiError`.
 * Nothing is cached: every call asks the API, and no URL is kept.
 */
export function createPayoutsClient(options: PayoutsClientOptions) {
  const client = createClient<paths>({ baseUrl: options.baseUrl ?? '', fetch: options.fetch, cache: 'no-store' });
  client.use({
    onRequest({ request }) {
      const token = options.getToken();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      if (options.language) request.headers.set('Accept-Language', options.language);
      return request;
    },
    // Not the API's JSON (a proxy's error page, a static host's index.html): said as such, not parsed.
    async onResponse({ response }) {
      const empty = response.status === 204 || response.headers.get('Content-Length') === '0';
      if (empty || /^application\/([\w.-]+\+)?json\b/i.test(response.headers.get('Content-Type') ?? '')) return response;
      await response.body?.cancel();
      throw new UnexpectedResponse(response);
    },
  });
  return {
    getStatus: (): Promise<ConnectStatus> => unwrap(() => client.GET('/api/v1/creators/stripe-connect/status')),
    initiate: (): Promise<InitiateConnectResult> => unwrap(() => client.POST('/api/v1/creators/stripe-connect/initiate')),
    refreshLink: (): Promise<OnboardingLink> => unwrap(() => client.POST('/api/v1/creators/stripe-connect/refresh-link')),
    getDashboardLink: (): Promise<DashboardLink> => unwrap(() => client.POST('/api/v1/creators/stripe-connect/dashboard-link')),
  };
}

export type PayoutsClient = ReturnType<typeof createPayoutsClient>;

type ErrorEnvelope = { success: false; error: Schemas['ApiErrorDto'] };

async function unwrap<T>(call: () => Promise<{ data?: { success: true; data: T }; error?: unknown; response: Response }>): Promise<T> {
  let result: Awaited<ReturnType<typeof call>>;
  try {
    result = await call();
  } catch (cause) {
    if (cause instanceof UnexpectedResponse) throw unexpected(cause.response);
    throw new ApiError(0, 'NETWORK_ERROR', 'client.network_error', cause instanceof Error ? cause.message : 'The request failed');
  }
  const { data, error, response } = result;
  if (data?.success === true) return data.data;
  if (!isErrorEnvelope(error)) throw unexpected(response);
  const { code, i18nKey, message, correlationId, i18nVars } = error.error;
  const retryAfter = i18nVars?.retryAfterSeconds ?? response.headers.get('Retry-After');
  throw new ApiError(response.status, code, i18nKey, message, correlationId, retryAfter === null || retryAfter === undefined ? undefined : Number(retryAfter));
}

class UnexpectedResponse extends Error {
  constructor(readonly response: Response) {
    super(`Unexpected answer (HTTP ${response.status})`);
  }
}

function unexpected(response: Response): ApiError {
  return new ApiError(
    response.status,
    'UNEXPECTED_RESPONSE',
    'client.unexpected_response',
    `Unexpected answer (HTTP ${response.status})`,
    response.headers.get('X-Request-Id') ?? undefined,
  );
}

function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  const error = (body as Partial<ErrorEnvelope> | null)?.error;
  return (body as { success?: unknown } | null)?.success === false && typeof error?.i18nKey === 'string' && typeof error.code === 'string';
}
