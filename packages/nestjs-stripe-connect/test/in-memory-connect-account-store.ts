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
  StripeAccountApi,
  StripeAccountStatus,
} from '../src/store/connect-account-store';

/** A creator's row, with the columns `PrismaConnectAccountStore` keeps (`updatedAt` is the claim's moment, as there). */
export interface CreatorRow extends AccountState {
  userId: string;
  email: string;
  mayOnboard: boolean;
  stripeAccountId: string | null;
  stripeAccountApi: StripeAccountApi | null;
  creationKey: string | null;
  observedFrom: Date | null;
  observedTo: Date | null;
  updatedAt: Date;
}

/** One `writeState` call, as the unit specs check what was written. */
export interface StateWrite {
  accountId: string;
  state: AccountState;
  observed?: { from: Date; to: Date };
}

/**
 * The `ConnectAccountStore` port kept in memory for the unit specs: the port's documented rules, as the Prisma store
 * keeps them with conditional updates. Every write waits its turn (a row lock for everything, which is stricter
 * than the database and enough here), a transaction that throws leaves nothing behind, and every row change
 * moves `updatedAt` like Prisma's `@updatedAt`.
 */
export class InMemoryConnectAccountStore extends ConnectAccountStore {
  private rows = new Map<string, CreatorRow>();
  private events = new Map<string, Omit<RecordedEvent, 'id'>>();
  /** Every `writeState`, in order: what a status read or an event wrote. */
  readonly stateWrites: StateWrite[] = [];
  private turn: Promise<unknown> = Promise.resolve();

  /** Adds a creator: KYC approved and nothing at Stripe yet, unless `fields` say otherwise. */
  addCreator(userId: string, fields: Partial<Omit<CreatorRow, 'userId'>> = {}): void {
    this.rows.set(userId, {
      userId,
      email: `${userId}@creators.example`,
      mayOnboard: true,
      stripeAccountId: null,
      stripeAccountApi: null,
      creationKey: null,
      stripeAccountStatus: StripeAccountStatus.NOT_STARTED,
      stripeChargesEnabled: false,
      stripePayoutsEnabled: false,
      observedFrom: null,
      observedTo: null,
      updatedAt: new Date(),
      ...fields,
    });
  }

  /** A copy of the creator's row, to assert on. */
  row(userId: string): CreatorRow {
    const row = this.rows.get(userId);
    if (!row) throw new Error(`No creator ${userId}`);
    return copyRow(row);
  }

  async findByUserId(userId: string): Promise<CreatorAccount | null> {
    const row = this.rows.get(userId);
    return row ? creatorAccount(row) : null;
  }

  async findOnboardingProfile(userId: string): Promise<OnboardingProfile | null> {
    const row = this.rows.get(userId);
    return row ? { ...creatorAccount(row), email: row.email, mayOnboard: row.mayOnboard } : null;
  }

  async findAccountApi(accountId: string): Promise<StripeAccountApi | null> {
    const row = this.byAccount(accountId);
    return row ? (row.stripeAccountApi ?? StripeAccountApi.V1) : null;
  }

  async findPendingCreationApi(): Promise<StripeAccountApi | null> {
    const pending = [...this.rows.values()].filter((row) => !row.stripeAccountId && row.creationKey);
    if (pending.length === 0) return null;
    return pending.some((row) => row.stripeAccountApi === StripeAccountApi.V2) ? StripeAccountApi.V2 : StripeAccountApi.V1;
  }

  claimCreation(userId: string, claim: CreationClaim): Promise<boolean> {
    return this.exclusive(async () => {
      const row = this.rows.get(userId);
      if (!row || row.stripeAccountId || row.creationKey !== claim.retriesKey) return false;
      const liveClaim = row.stripeAccountStatus === StripeAccountStatus.PENDING && row.updatedAt >= claim.expiredBefore;
      if (liveClaim) return false;
      Object.assign(row, {
        stripeAccountStatus: StripeAccountStatus.PENDING,
        creationKey: claim.idempotencyKey,
        stripeAccountApi: claim.api,
        updatedAt: claim.at,
      });
      return true;
    });
  }

  releaseCreation(userId: string, claimedAt: Date, forgetKey: boolean): Promise<void> {
    return this.exclusive(async () => {
      const row = this.rows.get(userId);
      if (!row || row.stripeAccountId || row.updatedAt.getTime() !== claimedAt.getTime()) return;
      Object.assign(row, { stripeAccountStatus: StripeAccountStatus.NOT_STARTED, updatedAt: new Date() });
      if (forgetKey) Object.assign(row, { creationKey: null, stripeAccountApi: null });
    });
  }

  storeCreatedAccount(userId: string, accountId: string): Promise<boolean> {
    return this.exclusive(async () => {
      const row = this.rows.get(userId);
      if (!row || row.stripeAccountId) return false;
      Object.assign(row, { stripeAccountId: accountId, stripeAccountStatus: StripeAccountStatus.PENDING, creationKey: null, updatedAt: new Date() });
      return true;
    });
  }

  async hasEvent(eventId: string): Promise<boolean> {
    return this.events.has(eventId);
  }

  transaction<T>(work: (tx: ConnectAccountTransaction) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const before = {
        rows: new Map([...this.rows].map(([userId, row]) => [userId, copyRow(row)])),
        events: new Map(this.events),
        writes: this.stateWrites.length,
      };
      try {
        return await work(this.transactionOps());
      } catch (error) {
        // Rolled back: nothing of the failed work stays.
        this.rows = before.rows;
        this.events = before.events;
        this.stateWrites.length = before.writes;
        throw error;
      }
    });
  }

  private transactionOps(): ConnectAccountTransaction {
    return {
      recordEvent: async ({ id, ...event }) => {
        if (this.events.has(id)) return false;
        this.events.set(id, event);
        return true;
      },
      lockAccount: async (accountId): Promise<LockedAccount | null> => {
        const row = this.byAccount(accountId);
        if (!row) return null;
        row.updatedAt = new Date();
        return {
          userId: row.userId,
          stripeAccountApi: row.stripeAccountApi ?? StripeAccountApi.V1,
          stripeAccountStatus: row.stripeAccountStatus,
          stripeChargesEnabled: row.stripeChargesEnabled,
          stripePayoutsEnabled: row.stripePayoutsEnabled,
          observedFrom: row.observedFrom,
          observedTo: row.observedTo,
        };
      },
      linkPendingCreation: async (userId, accountId) => {
        const row = this.rows.get(userId);
        if (row && !row.stripeAccountId && row.creationKey) Object.assign(row, { stripeAccountId: accountId, creationKey: null, updatedAt: new Date() });
      },
      wasDeauthorized: async (accountId) => [...this.events.values()].some((event) => event.accountId === accountId && event.type === DEAUTHORIZED),
      writeState: async (accountId, state, observed) => {
        const row = this.byAccount(accountId);
        if (!row) throw new Error(`No creator has the account ${accountId}`);
        Object.assign(row, state, observed && { observedFrom: observed.from, observedTo: observed.to }, { updatedAt: new Date() });
        this.stateWrites.push({ accountId, state: { ...state }, ...(observed && { observed: { from: new Date(observed.from), to: new Date(observed.to) } }) });
      },
    };
  }

  private byAccount(accountId: string): CreatorRow | undefined {
    return [...this.rows.values()].find((row) => row.stripeAccountId === accountId);
  }

  /** One write at a time, in call order. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.turn.then(work);
    this.turn = result.catch(() => undefined);
    return result;
  }
}

/** A copy that later writes do not change (structuredClone would make its dates in another realm than Jest's `expect`). */
function copyRow(row: CreatorRow): CreatorRow {
  const date = (value: Date | null) => value && new Date(value);
  return { ...row, observedFrom: date(row.observedFrom), observedTo: date(row.observedTo), updatedAt: new Date(row.updatedAt) };
}

function creatorAccount(row: CreatorRow): CreatorAccount {
  return {
    stripeAccountId: row.stripeAccountId,
    // The port: the API of the account or of the creation under way, null while there is neither.
    stripeAccountApi: row.stripeAccountId || row.creationKey ? row.stripeAccountApi : null,
    creationKey: row.creationKey,
    stripeAccountStatus: row.stripeAccountStatus,
    stripeChargesEnabled: row.stripeChargesEnabled,
    stripePayoutsEnabled: row.stripePayoutsEnabled,
  };
}
