import {
  type AccountState,
  ConnectAccountStore,
  type ConnectAccountTransaction,
  type CreationClaim,
  type CreatorAccount,
  DEAUTHORIZED,
  type LockedAccount,
  type OnboardingProfile,
  type RecordedEvent,
  type StripeAccountApi,
} from '@creator-payouts/nestjs-stripe-connect';
import type { MembersDatabase, PayoutAccountRow } from './members-database';

/** The module's port over the host's own tables: member ids as strings, its own column names. */
export class PayoutAccountStore extends ConnectAccountStore {
  constructor(private readonly db: MembersDatabase) {
    super();
  }

  private row(userId: string): PayoutAccountRow | undefined {
    return /^\d+$/.test(userId) ? this.db.payoutAccounts.get(Number(userId)) : undefined;
  }

  private byAccount(accountId: string): PayoutAccountRow | undefined {
    return [...this.db.payoutAccounts.values()].find((row) => row.connectAccount === accountId);
  }

  async findByUserId(userId: string): Promise<CreatorAccount | null> {
    const row = this.row(userId);
    if (!row) return null;
    return {
      stripeAccountId: row.connectAccount,
      stripeAccountApi: row.connectApi,
      creationKey: row.pendingKey,
      stripeAccountStatus: row.state,
      stripeChargesEnabled: row.charges,
      stripePayoutsEnabled: row.payouts,
    };
  }

  async findOnboardingProfile(userId: string): Promise<OnboardingProfile | null> {
    const account = await this.findByUserId(userId);
    const member = account && this.db.members.get(Number(userId));
    return account && member ? { ...account, email: member.email, mayOnboard: member.seller } : null;
  }

  async findAccountApi(accountId: string): Promise<StripeAccountApi | null> {
    return this.byAccount(accountId)?.connectApi ?? null;
  }

  async findPendingCreationApi(): Promise<StripeAccountApi | null> {
    const pending = [...this.db.payoutAccounts.values()].filter((row) => !row.connectAccount && row.pendingKey);
    return pending.find((row) => row.connectApi === 'V2')?.connectApi ?? pending[0]?.connectApi ?? null;
  }

  claimCreation(userId: string, claim: CreationClaim): Promise<boolean> {
    return this.db.exclusive(async () => {
      const row = this.row(userId);
      if (!row || row.connectAccount || row.pendingKey !== claim.retriesKey) return false;
      if (row.state === 'PENDING' && row.touchedAt >= claim.expiredBefore) return false;
      Object.assign(row, { state: 'PENDING', pendingKey: claim.idempotencyKey, connectApi: claim.api, touchedAt: claim.at });
      return true;
    });
  }

  releaseCreation(userId: string, claimedAt: Date, forgetKey: boolean): Promise<void> {
    return this.db.exclusive(async () => {
      const row = this.row(userId);
      if (!row || row.connectAccount || row.touchedAt.getTime() !== claimedAt.getTime()) return;
      row.state = 'NOT_STARTED';
      if (forgetKey) Object.assign(row, { pendingKey: null, connectApi: null });
    });
  }

  storeCreatedAccount(userId: string, accountId: string): Promise<boolean> {
    return this.db.exclusive(async () => {
      const row = this.row(userId);
      if (!row || row.connectAccount) return false;
      Object.assign(row, { connectAccount: accountId, state: 'PENDING', pendingKey: null, touchedAt: new Date() });
      return true;
    });
  }

  async hasEvent(eventId: string): Promise<boolean> {
    return this.db.webhookEvents.has(eventId);
  }

  transaction<T>(work: (tx: ConnectAccountTransaction) => Promise<T>): Promise<T> {
    const db = this.db;
    const byAccount = (accountId: string) => this.byAccount(accountId);
    return db.exclusive(() =>
      work({
        async recordEvent({ id, ...event }: RecordedEvent) {
          if (db.webhookEvents.has(id)) return false;
          db.webhookEvents.set(id, event);
          return true;
        },
        async lockAccount(accountId: string): Promise<LockedAccount | null> {
          const row = byAccount(accountId);
          if (!row) return null;
          row.touchedAt = new Date();
          return {
            userId: String(row.memberId),
            stripeAccountApi: row.connectApi ?? 'V1',
            stripeAccountStatus: row.state,
            stripeChargesEnabled: row.charges,
            stripePayoutsEnabled: row.payouts,
            observedFrom: row.seenFrom,
            observedTo: row.seenTo,
          };
        },
        async linkPendingCreation(userId: string, accountId: string) {
          const row = /^\d+$/.test(userId) ? db.payoutAccounts.get(Number(userId)) : undefined;
          if (row && !row.connectAccount && row.pendingKey) Object.assign(row, { connectAccount: accountId, pendingKey: null });
        },
        async wasDeauthorized(accountId: string) {
          return [...db.webhookEvents.values()].some((event) => event.accountId === accountId && event.type === DEAUTHORIZED);
        },
        async writeState(accountId: string, state: AccountState, observed?: { from: Date; to: Date }) {
          const row = byAccount(accountId)!;
          Object.assign(row, { state: state.stripeAccountStatus, charges: state.stripeChargesEnabled, payouts: state.stripePayoutsEnabled });
          if (observed) Object.assign(row, { seenFrom: observed.from, seenTo: observed.to });
        },
      }),
    );
  }
}
