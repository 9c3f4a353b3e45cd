import Stripe from 'stripe';

/** The Stripe routes the module calls, by the names the specs use. */
export type StripeRoute =
  | 'POST /v1/accounts'
  | 'POST /v2/core/accounts'
  | 'POST /v1/account_links'
  | 'POST /v2/core/account_links'
  | 'POST /v1/accounts/{id}/login_links'
  | 'GET /v1/accounts/{id}'
  | 'GET /v2/core/accounts/{id}';

/** A request as it left stripe-node. */
export interface SentRequest {
  route: string;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  /** v2: the JSON body; v1: the form fields by their bracketed names (`controller[fees][payer]`). */
  body: Record<string, unknown>;
}

/** What Stripe answers: a status and JSON body, or no answer at all (the timeout fired, the connection failed). */
export type Answer = { status: number; body: unknown } | 'timeout' | 'connection_error';
/** An answer, or how to make one from the request (it may wait, to hold a call in flight). */
export type Responder = Answer | ((request: SentRequest) => Answer | Promise<Answer>);

/**
 * Stripe's API for the unit specs, inside the process: the real `stripe` SDK sends through a fetch function
 * (`Stripe.createFetchHttpClient`) that records each request and answers it, so the SDK's own serialization,
 * headers and error classes are what the module meets. Each route answers as Stripe does unless a spec queued
 * other answers for it (`answer`), which are used once each, in order.
 */
export class FakeStripeApi {
  readonly requests: SentRequest[] = [];
  /** The accounts `GET` returns, by id (Stripe's JSON, v1 or v2); any other id is Stripe's 404. */
  readonly accounts = new Map<string, unknown>();
  private readonly queued = new Map<string, Responder[]>();
  private created = 0;
  private links = 0;
  private requestIds = 0;

  /** The SDK as the module's `STRIPE_CLIENT`: no retries of its own, so a failure reaches the module at once. */
  readonly client: Stripe = new Stripe('sk_test_unit', {
    httpClient: Stripe.createFetchHttpClient((url, init) => this.fetch(url instanceof Request ? url.url : url.toString(), init)),
    maxNetworkRetries: 0,
    telemetry: false,
  });

  /** Queues answers for the route's next calls. */
  answer(route: StripeRoute, ...responders: Responder[]): void {
    this.queued.set(route, [...(this.queued.get(route) ?? []), ...responders]);
  }

  /** The requests sent to a route, in order. */
  sent(route: StripeRoute): SentRequest[] {
    return this.requests.filter((request) => request.route === route);
  }

  /** The routes called, in order. */
  get routes(): string[] {
    return this.requests.map((request) => request.route);
  }

  private async fetch(url: string, init: RequestInit | undefined): Promise<Response> {
    const { pathname, searchParams } = new URL(url);
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    const raw = typeof init?.body === 'string' ? init.body : '';
    const body = headers.get('content-type')?.startsWith('application/json')
      ? (JSON.parse(raw || '{}') as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(raw));
    const route = `${method} ${pathname.replace(/\/acct_\w+/, '/{id}')}`;
    const request: SentRequest = { route, method, path: pathname, query: searchParams, headers, body };
    this.requests.push(request);

    const responder = this.queued.get(route)?.shift() ?? ((sent: SentRequest) => this.asStripe(sent));
    const answer = typeof responder === 'function' ? await responder(request) : responder;
    // What fetch does when stripe-node's timeout aborts it, and when no connection can be made.
    if (answer === 'timeout') throw new DOMException('This operation was aborted', 'AbortError');
    if (answer === 'connection_error') throw new TypeError('fetch failed');
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json', 'request-id': `req_unit_${++this.requestIds}` },
    });
  }

  /** Stripe's success answers, as much of them as the module reads. */
  private asStripe(request: SentRequest): Answer {
    const accountId = request.path.match(/acct_\w+/)?.[0] ?? (typeof request.body.account === 'string' ? request.body.account : '');
    switch (request.route) {
      case 'POST /v1/accounts':
        return { status: 200, body: { id: `acct_created${++this.created}`, object: 'account', details_submitted: false } };
      case 'POST /v2/core/accounts':
        return { status: 200, body: { id: `acct_created${++this.created}`, object: 'v2.core.account', closed: false } };
      case 'POST /v1/account_links':
      case 'POST /v2/core/account_links':
        return { status: 200, body: { object: 'account_link', url: `https://connect.stripe.com/setup/e/${accountId}/link${++this.links}` } };
      case 'POST /v1/accounts/{id}/login_links':
        return { status: 200, body: { object: 'login_link', url: `https://connect.stripe.com/express/${accountId}/login${++this.links}` } };
      case 'GET /v1/accounts/{id}':
      case 'GET /v2/core/accounts/{id}': {
        const account = this.accounts.get(accountId);
        return account
          ? { status: 200, body: account }
          : stripeError(404, 'invalid_request_error', `No such account: '${accountId}'`, { code: 'resource_missing' });
      }
      default:
        return stripeError(404, 'invalid_request_error', `Unrecognized request URL (${request.method}: ${request.path}).`);
    }
  }
}

/** Stripe's error body (`{ error: { type, message, code?, param? } }`), with the HTTP status it comes with. */
export function stripeError(status: number, type: string | undefined, message: string, fields: { code?: string; param?: string } = {}): Answer {
  return { status, body: { error: { ...(type && { type }), message, ...fields } } };
}

/** A promise settled from outside, to hold a Stripe call in flight. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}
