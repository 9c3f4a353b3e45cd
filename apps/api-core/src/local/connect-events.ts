import { randomUUID } from 'node:crypto';
import { fixtures } from '@creator-payouts/stripe-mock';
import Stripe from 'stripe';

/**
 * Signed Connect webhook deliveries, as Stripe sends them, for `npm run webhook`
 * and the tests. The signature comes from the SDK's own test helper.
 */
export type AccountFields = Partial<{ charges_enabled: boolean; payouts_enabled: boolean; details_submitted: boolean; disabled_reason: string | null }>;

export const ONBOARDED_ACCOUNT: AccountFields = { charges_enabled: true, payouts_enabled: true, details_submitted: true };

/** What Stripe says after an account changed, by the names `npm run webhook` takes. */
export const ACCOUNT_CHANGES: Record<string, { type: string; account?: AccountFields }> = {
  onboarded: { type: 'account.updated', account: ONBOARDED_ACCOUNT },
  restricted: { type: 'account.updated', account: { details_submitted: true, charges_enabled: true, payouts_enabled: false } },
  rejected: { type: 'account.updated', account: { details_submitted: true, disabled_reason: 'rejected.other' } },
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

/** Delivers a signed Connect event about `accountId` to the API's webhook at `apiUrl`, as Stripe would. */
export function deliverConnectEvent(apiUrl: string, secret: string, change: { type: string; account?: AccountFields }, accountId: string): Promise<Response> {
  const { body, signature } = signed(connectEvent(change.type, accountId, { account: change.account }), secret);
  return fetch(`${apiUrl}/api/v1/webhooks/stripe`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature }, body });
}
