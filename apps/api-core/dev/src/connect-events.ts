import { randomUUID } from 'node:crypto';
import { fixtures, type V2AccountState } from '@creator-payouts/stripe-mock';
import Stripe from 'stripe';

/**
 * Signed webhook deliveries, as Stripe sends them, for local mode, `npm run webhook`
 * and the tests. The signature comes from the SDK's own test helper.
 */
export type AccountFields = Partial<{ charges_enabled: boolean; payouts_enabled: boolean; details_submitted: boolean; disabled_reason: string | null }>;

export const ONBOARDED_ACCOUNT: AccountFields = { charges_enabled: true, payouts_enabled: true, details_submitted: true };

/** A change of a v2 account: its state at the stand-in, and the thin event an event destination sends about it. */
export interface V2Change {
  state: V2AccountState;
  thinType: string;
}

/**
 * What Stripe says after an account changed, by the names `npm run webhook` takes: for a v1 account the snapshot
 * event `type` with the `account` it carries; for a v2 account (`v2`) its new state and a thin event. A
 * deauthorization is a v1 event for either.
 */
export const ACCOUNT_CHANGES: Record<string, { type: string; account?: AccountFields; v2?: V2Change }> = {
  onboarded: {
    type: 'account.updated',
    account: ONBOARDED_ACCOUNT,
    v2: { state: 'active', thinType: 'v2.core.account[configuration.recipient].capability_status_updated' },
  },
  restricted: {
    type: 'account.updated',
    account: { details_submitted: true, charges_enabled: true, payouts_enabled: false },
    v2: { state: 'restricted', thinType: 'v2.core.account[requirements].updated' },
  },
  rejected: {
    type: 'account.updated',
    account: { details_submitted: true, disabled_reason: 'rejected.other' },
    v2: { state: 'rejected', thinType: 'v2.core.account[configuration.recipient].capability_status_updated' },
  },
  deauthorized: { type: 'account.application.deauthorized' },
};

/** The account fields in Stripe's shape (`disabled_reason` lives under `requirements`). */
export function stripeAccountFields(fields: AccountFields) {
  const { disabled_reason = null, ...flags } = fields;
  return { ...flags, requirements: { ...fixtures.account.requirements, disabled_reason } };
}

/** A Connect event about `accountId`; `created` in seconds; `metadata` is the account's. */
export function connectEvent(type: string, accountId: string, options: { created?: number; account?: AccountFields; metadata?: Record<string, string> } = {}) {
  const object =
    type === 'account.application.deauthorized'
      ? { id: 'ca_platform', object: 'application', name: 'Creator platform' }
      : { ...structuredClone(fixtures.account), id: accountId, metadata: options.metadata ?? {}, ...stripeAccountFields(options.account ?? {}) };
  return {
    id: `evt_${randomUUID().replace(/-/g, '')}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    account: accountId,
    created: options.created ?? Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

/** The raw body and its `Stripe-Signature` header. */
export function signed(event: object, secret: string, timestamp = Math.floor(Date.now() / 1000)): { body: string; signature: string } {
  const body = JSON.stringify(event);
  return { body, signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp }) };
}

/** Delivers a signed event (a snapshot or a thin one) to the API's webhook at `apiUrl`, as Stripe would. */
export function deliverEvent(apiUrl: string, secret: string, event: object): Promise<Response> {
  const { body, signature } = signed(event, secret);
  return fetch(`${apiUrl}/api/v1/webhooks/stripe`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature }, body });
}

/** Delivers a signed Connect (v1 snapshot) event about `accountId`. */
export function deliverConnectEvent(apiUrl: string, secret: string, change: { type: string; account?: AccountFields }, accountId: string): Promise<Response> {
  return deliverEvent(apiUrl, secret, connectEvent(change.type, accountId, { account: change.account }));
}
