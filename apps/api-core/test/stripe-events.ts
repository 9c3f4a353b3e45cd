import Stripe from 'stripe';
import { signed as signWith } from '../dev/src/connect-events';
import { TEST_WEBHOOK_SECRET } from './test-app';

export { connectEvent, ONBOARDED_ACCOUNT as ACTIVE_ACCOUNT } from '../dev/src/connect-events';

/** A delivery signed with the test app's webhook secret, unless told otherwise. */
export function signed(event: object, options: { secret?: string; timestamp?: number } = {}): { body: string; signature: string } {
  return signWith(event, options.secret ?? TEST_WEBHOOK_SECRET, options.timestamp);
}

/** A delivery of a body given as text (JSON nested deeper than JSON.stringify can write), signed with the test secret. */
export function signedText(body: string): { body: string; signature: string } {
  return { body, signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret: TEST_WEBHOOK_SECRET }) };
}
