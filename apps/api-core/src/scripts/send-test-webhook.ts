// `npm run webhook -- <accountId> [onboarded|restricted|rejected|deauthorized]`:
// plays Stripe after the creator's onboarding changed. It tells the local
// stripe-mock stand-in (if it runs on its usual port) what the account now
// looks like, so `status` pulls agree, then sends the signed Connect event to
// the local server. Signs with STRIPE_WEBHOOK_SECRET, or with the dev secret
// local mode uses.
import { CONTROL_ACCOUNT_STATE, DEFAULT_PORT } from '@creator-payouts/stripe-mock';
import { ACCOUNT_CHANGES, deliverConnectEvent, stripeAccountFields } from '../local/connect-events';
import { DEV_WEBHOOK_SECRET, STANDIN_SECRET_KEY } from '../local/local-mode';

async function main(): Promise<void> {
  const [accountId, stateName = 'onboarded'] = process.argv.slice(2);
  const state = ACCOUNT_CHANGES[stateName];
  if (!accountId || !state) {
    throw new Error(`usage: npm run webhook -- <accountId> [${Object.keys(ACCOUNT_CHANGES).join('|')}]`);
  }
  if (state.account) await tellStandIn(stateName, { id: accountId, ...stripeAccountFields(state.account) });
  const apiUrl = `http://127.0.0.1:${process.env.PORT || 3000}`;
  const res = await deliverConnectEvent(apiUrl, process.env.STRIPE_WEBHOOK_SECRET || DEV_WEBHOOK_SECRET, state, accountId);
  process.stdout.write(`${state.type} for ${accountId} → ${res.status} ${await res.text()}\n`);
  if (!res.ok) process.exitCode = 1;
}

async function tellStandIn(stateName: string, account: object): Promise<void> {
  const url = `http://127.0.0.1:${DEFAULT_PORT}${CONTROL_ACCOUNT_STATE}`;
  try {
    const res = await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${STANDIN_SECRET_KEY}` }, body: JSON.stringify(account) });
    if (!res.ok) throw new Error(`the stand-in answered ${res.status}`);
    process.stdout.write(`stripe-mock stand-in: the account now answers as ${stateName}\n`);
  } catch {
    process.stdout.write(`No local stripe-mock stand-in on port ${DEFAULT_PORT}: only the webhook is sent.\n`);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
