import { randomBytes } from 'node:crypto';

/**
 * Accounts v2 as the stand-in models them (stripe-mock has no `/v2` routes):
 * a recipient account with the Express Dashboard, its capability states and
 * requirements, the parts v2 omits unless `include`d, the v1 view Stripe gives
 * of it, and the thin events that say it changed. Field names follow
 * stripe-node 23's types; values are ours.
 */

type Capability = { status: 'active' | 'pending' | 'restricted' | 'rejected' | 'unsupported'; status_details: { code: string; resolution: string }[] };

/** The states `v2AccountFields()` can put an account in, as a creator's onboarding goes. */
export type V2AccountState = 'onboarding' | 'pending_verification' | 'active' | 'restricted' | 'rejected' | 'unsupported' | 'closed';

/** The parts of a v2 account left out of an answer unless `include` names them. */
const INCLUDABLE = ['configuration', 'defaults', 'future_requirements', 'identity', 'requirements'] as const;

const capability = (status: Capability['status'], code?: string, resolution = 'provide_info'): Capability => ({
  status,
  status_details: code ? [{ code, resolution }] : [],
});

const userEntry = (description: string, deadline: 'currently_due' | 'past_due') => ({
  awaiting_action_from: 'user',
  description,
  errors: [],
  impact: { restricts_capabilities: [{ capability: 'stripe_balance.stripe_transfers', configuration: 'recipient', deployment: 'live' }] },
  minimum_deadline: { status: deadline },
  requested_reasons: [{ code: 'routine_onboarding' }],
});

/** What the hosted onboarding records last: the creator accepted Stripe's terms. */
const termsAccepted = (date = '2026-12-01T10:00:00.000Z') => ({
  country: 'US',
  attestations: { terms_of_service: { account: { date, ip: '203.0.113.7', user_agent: 'Mozilla/5.0' } } },
});

/** The fields to put on a v2 account (`StripeMock.putAccount`) for it to be as Stripe shows it in `state`. */
export function v2AccountFields(state: V2AccountState): Record<string, unknown> {
  const recipient = (transfers: Capability, payouts: Capability) => ({
    recipient: { applied: true, capabilities: { stripe_balance: { stripe_transfers: transfers, payouts } } },
  });
  const noEntries = { entries: [], summary: {} };
  switch (state) {
    case 'onboarding': {
      const due = capability('restricted', 'requirements_past_due');
      return {
        object: 'v2.core.account',
        closed: false,
        configuration: recipient(due, due),
        requirements: {
          entries: [userEntry("Provide the account holder's details", 'currently_due'), userEntry('Accept the terms of service', 'currently_due')],
          summary: { minimum_deadline: { status: 'currently_due' } },
        },
        identity: { country: 'US' },
      };
    }
    case 'pending_verification': {
      const checking = capability('pending', 'requirements_pending_verification');
      return { object: 'v2.core.account', closed: false, configuration: recipient(checking, checking), requirements: noEntries, identity: termsAccepted() };
    }
    case 'active':
      return {
        object: 'v2.core.account',
        closed: false,
        configuration: recipient(capability('active'), capability('active')),
        requirements: noEntries,
        identity: termsAccepted(),
      };
    case 'restricted': {
      const due = capability('restricted', 'requirements_past_due');
      return {
        object: 'v2.core.account',
        closed: false,
        configuration: recipient(due, due),
        requirements: { entries: [userEntry('Provide a new identity document', 'past_due')], summary: { minimum_deadline: { status: 'past_due' } } },
        identity: termsAccepted(),
      };
    }
    case 'rejected': {
      const rejected = capability('rejected', 'rejected_fraud', 'no_resolution');
      return { object: 'v2.core.account', closed: false, configuration: recipient(rejected, rejected), requirements: noEntries, identity: termsAccepted() };
    }
    case 'unsupported': {
      const unsupported = capability('unsupported', 'unsupported_country', 'no_resolution');
      return {
        object: 'v2.core.account',
        closed: false,
        configuration: recipient(unsupported, unsupported),
        requirements: noEntries,
        identity: { country: 'AQ' },
      };
    }
    case 'closed': {
      const closed = capability('restricted', 'restricted_other', 'contact_stripe');
      return { object: 'v2.core.account', closed: true, configuration: recipient(closed, closed), requirements: noEntries, identity: termsAccepted() };
    }
  }
}

/** A v2 account as `POST /v2/core/accounts` makes it from `params`: onboarding not started. */
export function createV2Account(params: Record<string, unknown>): Record<string, unknown> {
  const identity = params.identity as { country?: string } | undefined;
  return {
    id: `acct_${randomBytes(8).toString('hex')}`,
    applied_configurations: ['recipient'],
    contact_email: params.contact_email ?? null,
    created: new Date().toISOString(),
    dashboard: params.dashboard ?? 'none',
    defaults: params.defaults ?? {},
    display_name: params.display_name ?? null,
    livemode: false,
    metadata: params.metadata ?? {},
    ...v2AccountFields('onboarding'),
    identity: { country: identity?.country ?? 'US' },
  };
}

/** A v2 account whose parts are created from the fixture when `fields` makes a new one. */
export function newV2Account(id: string): Record<string, unknown> {
  return { ...createV2Account({}), id };
}

export function isV2Account(account: Record<string, unknown> | undefined): boolean {
  return account?.object === 'v2.core.account';
}

/** The account as a v2 answer shows it: `configuration` (per configuration), `requirements`, `identity`… only when included. */
export function v2View(account: Record<string, unknown>, include: string[]): Record<string, unknown> {
  const view: Record<string, unknown> = structuredClone(account);
  for (const part of INCLUDABLE) delete view[part];
  for (const name of include) {
    const [part, configuration] = name.split('.');
    if (part === 'configuration' && configuration) {
      const all = (account.configuration ?? {}) as Record<string, unknown>;
      if (all[configuration]) view.configuration = { ...(view.configuration as object), [configuration]: structuredClone(all[configuration]) };
    } else if ((INCLUDABLE as readonly string[]).includes(part) && account[part] !== undefined) {
      view[part] = structuredClone(account[part]);
    }
  }
  return view;
}

/** The creator finished the hosted onboarding: Stripe's terms accepted. */
export function v2OnboardingDone(account: Record<string, unknown>): boolean {
  const identity = account.identity as { attestations?: { terms_of_service?: { account?: { date?: string } } } } | undefined;
  return Boolean(identity?.attestations?.terms_of_service?.account?.date);
}

/**
 * Stripe's v1 view of a v2 account (`GET /v1/accounts/{id}`): a recipient takes no card payments, so
 * `charges_enabled` is false however far it is onboarded.
 */
export function v1ViewOfV2(account: Record<string, unknown>): Record<string, unknown> {
  const balance = (
    account.configuration as { recipient?: { capabilities?: { stripe_balance?: { stripe_transfers?: Capability; payouts?: Capability } } } } | undefined
  )?.recipient?.capabilities?.stripe_balance;
  const transfers = balance?.stripe_transfers?.status;
  const rejected = transfers === 'rejected' || transfers === 'unsupported';
  return {
    id: account.id,
    object: 'account',
    type: 'none',
    business_type: null,
    capabilities: { transfers: transfers === 'active' ? 'active' : transfers === 'pending' ? 'pending' : 'inactive' },
    charges_enabled: false,
    payouts_enabled: balance?.payouts?.status === 'active',
    details_submitted: v2OnboardingDone(account),
    controller: {
      type: 'application',
      is_controller: true,
      stripe_dashboard: { type: 'express' },
      fees: { payer: 'application' },
      losses: { payments: 'application' },
      requirement_collection: 'stripe',
    },
    country: (account.identity as { country?: string } | undefined)?.country ?? 'US',
    created: Math.floor(Date.parse(String(account.created)) / 1000),
    email: account.contact_email ?? null,
    metadata: account.metadata ?? {},
    requirements: { disabled_reason: account.closed || rejected ? 'rejected.other' : transfers === 'active' ? null : 'requirements.past_due' },
  };
}

/**
 * A thin event (`v2.core.event`) of an event destination: it names the account that changed and carries no state.
 * `created` is an ISO time with milliseconds.
 */
// A type, not an interface: it stays assignable to the Record<string, unknown> an event is signed and sent as.
export type ThinEvent = {
  id: string;
  object: 'v2.core.event';
  type: string;
  created: string;
  livemode: false;
  context: null;
  reason: null;
  related_object: { id: string; type: 'v2.core.account'; url: string };
};

export function thinEventPayload(type: string, accountId: string, created = new Date()): ThinEvent {
  return {
    id: `evt_${randomBytes(12).toString('hex')}`,
    object: 'v2.core.event',
    type,
    created: created.toISOString(),
    livemode: false,
    context: null,
    reason: null,
    related_object: { id: accountId, type: 'v2.core.account', url: `/v2/core/accounts/${accountId}` },
  };
}
