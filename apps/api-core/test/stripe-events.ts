import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { fixtures } from '@creator-payouts/stripe-mock';
import { TEST_WEBHOOK_SECRET } from './test-app';

type AccountFields = Partial<{ charges_enabled: boolean; payouts_enabled: boolean; details_submitted: boolean; disabled_reason: string | null }>;

/** A Connect event as Stripe sends it; `created` in seconds. */
export function connectEvent(type: string, accountId: string, options: { created?: number; account?: AccountFields; id?: string } = {}) {
  const { disabled_reason = null, ...flags } = options.account ?? {};
  const object =
    type === 'account.application.deauthorized'
      ? { id: 'ca_platform', object: 'application', name: 'Creator platform' }
      : { ...structuredClone(fixtures.account), id: accountId, ...flags, requirements: { ...fixtures.account.requirements, disabled_reason } };
  return {
    id: options.id ?? `evt_${randomUUID().replace(/-/g, '')}`,
    object: 'event',
    api_version: '2025-10-29.clover',
    account: accountId,
    created: options.created ?? Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

/** The raw body and the `Stripe-Signature` header, made by the SDK's own test helper. */
export function signed(event: object, options: { secret?: string; timestamp?: number } = {}): { body: string; signature: string } {
  const body = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: options.secret ?? TEST_WEBHOOK_SECRET,
    timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
  });
  return { body, signature };
}

export const ACTIVE_ACCOUNT: AccountFields = { charges_enabled: true, payouts_enabled: true, details_submitted: true };
