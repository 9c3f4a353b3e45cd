// `npm run webhook -- <accountId> [onboarded|restricted|rejected|deauthorized]`:
// plays Stripe after the creator's onboarding changed. It tells the local
// stripe-mock stand-in (if it runs on its usual port) what the account now
// looks like, so `status` pulls agree, then sends the signed event to the
// local server: a thin event for a v2 account (the stand-in makes it), a
// Connect snapshot event for a v1 one. Signs with (the first of)
// STRIPE_WEBHOOK_SECRET, or with the dev secret local mode uses. The stand-in
// is looked for at STANDIN_URL (local mode's start-up log says where it is
// when stripe-mock's port was taken), else on that port.
import { CONTROL_ACCOUNT_STATE, CONTROL_THIN_EVENT, DEFAULT_PORT, v2AccountFields } from '@creator-payouts/stripe-mock';
import { ACCOUNT_CHANGES, deliverConnectEvent, deliverEvent, stripeAccountFields } from '../connect-events';
import { DEV_WEBHOOK_SECRET, STANDIN_SECRET_KEY } from '../local-mode';

const STANDIN = process.env.STANDIN_URL || `http://127.0.0.1:${DEFAULT_PORT}`;

async function main(): Promise<void> {
  const [accountId, stateName = 'onboarded'] = process.argv.slice(2);
  const change = ACCOUNT_CHANGES[stateName];
  if (!accountId || !change) {
    throw new Error(`usage: npm run webhook -- <accountId> [${Object.keys(ACCOUNT_CHANGES).join('|')}]`);
  }
  const apiUrl = `http://127.0.0.1:${process.env.PORT || 3000}`;
  const secret = process.env.STRIPE_WEBHOOK_SECRET?.split(',')[0].trim() || DEV_WEBHOOK_SECRET;
  let res: Response;
  let sent = change.type;
  if (change.v2 && (await isV2Account(accountId))) {
    await standIn(CONTROL_ACCOUNT_STATE, { id: accountId, ...v2AccountFields(change.v2.state) });
    const thin = await (await standIn(CONTROL_THIN_EVENT, { type: change.v2.thinType, account: accountId })).json();
    sent = change.v2.thinType;
    res = await deliverEvent(apiUrl, secret, thin as object);
  } else {
    if (change.account) await tellStandIn(stateName, { id: accountId, ...stripeAccountFields(change.account) });
    res = await deliverConnectEvent(apiUrl, secret, change, accountId);
  }
  process.stdout.write(`${sent} for ${accountId} → ${res.status} ${await res.text()}\n`);
  if (!res.ok) process.exitCode = 1;
}

/** Whether the local stand-in holds `accountId` as an Accounts v2 account (false when it does not run). */
async function isV2Account(accountId: string): Promise<boolean> {
  try {
    const res = await fetch(`${STANDIN}/v2/core/accounts/${encodeURIComponent(accountId)}`, { headers: { Authorization: `Bearer ${STANDIN_SECRET_KEY}` } });
    return res.ok;
  } catch {
    return false;
  }
}

async function standIn(route: string, body: object): Promise<Response> {
  const res = await fetch(`${STANDIN}${route}`, { method: 'POST', headers: { Authorization: `Bearer ${STANDIN_SECRET_KEY}` }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`the stand-in answered ${res.status} to ${route}`);
  return res;
}

async function tellStandIn(stateName: string, account: object): Promise<void> {
  try {
    await standIn(CONTROL_ACCOUNT_STATE, account);
    process.stdout.write(`stripe-mock stand-in: the account now answers as ${stateName}\n`);
  } catch {
    process.stdout.write(`No local stripe-mock stand-in at ${STANDIN}: only the webhook is sent.\n`);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
