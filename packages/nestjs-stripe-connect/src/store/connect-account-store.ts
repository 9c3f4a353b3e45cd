/** A creator's payout account status (contract: "Status resolution"). */
export const StripeAccountStatus = {
  NOT_STARTED: 'NOT_STARTED',
  PENDING: 'PENDING',
  ACTIVE: 'ACTIVE',
  RESTRICTED: 'RESTRICTED',
  DISABLED: 'DISABLED',
} as const;
export type StripeAccountStatus = (typeof StripeAccountStatus)[keyof typeof StripeAccountStatus];

/** Which Stripe Accounts API made a connected account; its links, reads and events use the same one. */
export const StripeAccountApi = { V1: 'V1', V2: 'V2' } as const;
export type StripeAccountApi = (typeof StripeAccountApi)[keyof typeof StripeAccountApi];

/** The Connect event after which nothing Stripe says of the account counts: the platform has lost it. */
export const DEAUTHORIZED = 'account.application.deauthorized';

/** What is kept of a Stripe account: written by status reads and by the webhook. */
export interface AccountState {
  stripeAccountStatus: StripeAccountStatus;
  stripeChargesEnabled: boolean;
  stripePayoutsEnabled: boolean;
}

/** A creator's Stripe side, as stored. */
export interface CreatorAccount extends AccountState {
  /** The connected account; null before one exists. */
  stripeAccountId: string | null;
  /** The API that made the account, or is making it (with `creationKey`); null while there is neither. */
  stripeAccountApi: StripeAccountApi | null;
  /** Idempotency-Key of an account creation whose outcome is not known yet; null otherwise. */
  creationKey: string | null;
}

/** A creator's account, and who a new account would be made for. */
export interface OnboardingProfile extends CreatorAccount {
  /** Given to Stripe as the account's contact email. */
  email: string;
  /** Whether the creator may start onboarding (our app: KYC approved); 400 `creator.stripe.kyc_required` otherwise. */
  mayOnboard: boolean;
}

/** The claim on a creator's account creation: one request at a time creates it. */
export interface CreationClaim {
  idempotencyKey: string;
  api: StripeAccountApi;
  /** The unresolved key this claim retries (the same call with the same key), or null for a fresh one. */
  retriesKey: string | null;
  at: Date;
  /** A claim (status PENDING, no account) made before this moment belongs to a request that died: it may be taken over. */
  expiredBefore: Date;
}

/** An account's row, locked until the transaction commits. */
export interface LockedAccount extends AccountState {
  /** The creator who has the account. */
  userId: string;
  stripeAccountApi: StripeAccountApi;
  /** When Stripe's account was as stored (some moment between the two); null until Stripe was first heard. */
  observedFrom: Date | null;
  observedTo: Date | null;
}

/** A webhook event, recorded once by its Stripe id. */
export interface RecordedEvent {
  id: string;
  type: string;
  /** The connected account it is about, for the events that change state. */
  accountId: string | null;
  created: Date;
}

/** The writes of one transaction: all of them commit, or none. */
export interface ConnectAccountTransaction {
  /** False when the event was recorded before (a replay). */
  recordEvent(event: RecordedEvent): Promise<boolean>;
  /** Locks the row of the creator who has the account until commit, and reads it; null when no creator has it. */
  lockAccount(accountId: string): Promise<LockedAccount | null>;
  /** Links the account to the creator, only if that creator's creation is under way (a key kept, no account). */
  linkPendingCreation(userId: string, accountId: string): Promise<void>;
  /** Whether an `account.application.deauthorized` event of the account was recorded. */
  wasDeauthorized(accountId: string): Promise<boolean>;
  /** Writes the account's state (and when Stripe's account was so, when known) to the locked row. */
  writeState(accountId: string, state: AccountState, observed?: { from: Date; to: Date }): Promise<void>;
}

/**
 * Where creators' Stripe accounts are kept: the port a host implements to keep them in its own tables (the
 * module ships `PrismaConnectAccountStore`). Creators are named by the host's user ids; a user the store does not
 * know is no creator (404 `creator.stripe.not_creator`).
 *
 * `transaction` must run its work in one database transaction in which `lockAccount` holds the row until commit
 * (the webhook applies the events of one account one after the other this way), and allow it 8 s: a Stripe read
 * of up to 3 s can run inside it.
 */
export abstract class ConnectAccountStore {
  abstract findByUserId(userId: string): Promise<CreatorAccount | null>;
  abstract findOnboardingProfile(userId: string): Promise<OnboardingProfile | null>;
  /** The API that made the account a creator has; null when no creator has it. */
  abstract findAccountApi(accountId: string): Promise<StripeAccountApi | null>;
  /** The API of an account creation under way (a key kept, no account), V2 if any is on V2; null when none is. */
  abstract findPendingCreationApi(): Promise<StripeAccountApi | null>;
  /**
   * Claims the creation: only if the creator has no account, holds `retriesKey` (or no key), and no live claim
   * (status PENDING since after `expiredBefore`). Sets status PENDING, the key and the API. False when not claimed.
   */
  abstract claimCreation(userId: string, claim: CreationClaim): Promise<boolean>;
  /**
   * Gives the claim made at `claimedAt` up after a failed creation, unless the row changed since: status back to
   * NOT_STARTED; the key and API dropped too when `forgetKey` (Stripe gave a definite answer).
   */
  abstract releaseCreation(userId: string, claimedAt: Date, forgetKey: boolean): Promise<void>;
  /** Stores the created account (status PENDING, key dropped) unless the creator has one already; false then. */
  abstract storeCreatedAccount(userId: string, accountId: string): Promise<boolean>;
  abstract hasEvent(eventId: string): Promise<boolean>;
  abstract transaction<T>(work: (tx: ConnectAccountTransaction) => Promise<T>): Promise<T>;
}
