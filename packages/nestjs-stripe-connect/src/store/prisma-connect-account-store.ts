import {
  type AccountState,
  ConnectAccountStore,
  DEAUTHORIZED,
  type ConnectAccountTransaction,
  type CreationClaim,
  type CreatorAccount,
  type LockedAccount,
  type OnboardingProfile,
  type RecordedEvent,
  StripeAccountApi,
  StripeAccountStatus,
} from './connect-account-store';

/** Room in a transaction for a Stripe read under the row lock (3 s) and the few queries around it. */
const TRANSACTION_TIMEOUT_MS = 8_000;

/** Rows that had an account (or a key) before the API column existed were made with v1. */
function apiOf(row: { stripeAccountApi: StripeAccountApi | null }): StripeAccountApi {
  return row.stripeAccountApi ?? StripeAccountApi.V1;
}

// The host generates its own Prisma client (Prisma 7 writes it into the host's source), so the store cannot name
// its types: it takes any client whose schema has the fragment's models (prisma/stripe-connect.prisma), checked
// here only by their delegates' names.
// Its argument types are generated in the host too: the query arguments are unchecked here, and each result is
// read as the shape its `select` asks for.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Query = (args: any) => Promise<unknown>;
interface Delegates {
  creatorProfile: Record<'findUnique' | 'findFirst' | 'update' | 'updateMany' | 'updateManyAndReturn', Query>;
  stripeWebhookEvent: Record<'findUnique' | 'findFirst' | 'createMany', Query>;
}
/** The part of a Prisma client the store uses: a client generated from a schema with the fragment's models. */
export interface StripeConnectPrismaClient extends Delegates {
  $transaction<T>(work: (tx: Delegates) => Promise<T>, options?: { timeout?: number }): Promise<T>;
}

/** The columns of a creator's account, and how they read as the port's `CreatorAccount`. */
const ACCOUNT_COLUMNS = {
  stripeAccountId: true,
  stripeAccountApi: true,
  stripeAccountIdempotencyKey: true,
  stripeAccountStatus: true,
  stripeChargesEnabled: true,
  stripePayoutsEnabled: true,
} as const;
type AccountRow = AccountState & { stripeAccountId: string | null; stripeAccountApi: StripeAccountApi | null; stripeAccountIdempotencyKey: string | null };

function creatorAccount({ stripeAccountIdempotencyKey: creationKey, ...account }: AccountRow): CreatorAccount {
  return { ...account, creationKey, stripeAccountApi: account.stripeAccountId || creationKey ? apiOf(account) : null };
}

interface LockedRow extends AccountState {
  userId: string;
  stripeAccountApi: StripeAccountApi | null;
  stripeStateObservedFrom: Date | null;
  stripeStateObservedTo: Date | null;
}

/**
 * The store on the `CreatorProfile` and `StripeWebhookEvent` models (contract: "Data model"; the fragment a host adds
 * to its schema is prisma/stripe-connect.prisma). A claim's moment is the row's `updatedAt`; touching the row (an
 * update) is what takes its lock.
 */
export class PrismaConnectAccountStore extends ConnectAccountStore {
  constructor(private readonly prisma: StripeConnectPrismaClient) {
    super();
  }

  async findByUserId(userId: string): Promise<CreatorAccount | null> {
    const row = (await this.prisma.creatorProfile.findUnique({ where: { userId }, select: ACCOUNT_COLUMNS })) as AccountRow | null;
    return row && creatorAccount(row);
  }

  async findOnboardingProfile(userId: string): Promise<OnboardingProfile | null> {
    const row = (await this.prisma.creatorProfile.findUnique({
      where: { userId },
      select: { ...ACCOUNT_COLUMNS, kycStatus: true, user: { select: { email: true } } },
    })) as (AccountRow & { kycStatus: string; user: { email: string } }) | null;
    if (!row) return null;
    const { kycStatus, user, ...account } = row;
    return { ...creatorAccount(account), email: user.email, mayOnboard: kycStatus === 'APPROVED' };
  }

  async findAccountApi(accountId: string): Promise<StripeAccountApi | null> {
    const row = (await this.prisma.creatorProfile.findUnique({
      where: { stripeAccountId: accountId },
      select: { stripeAccountApi: true },
    })) as { stripeAccountApi: StripeAccountApi | null } | null;
    return row && apiOf(row);
  }

  async findPendingCreationApi(): Promise<StripeAccountApi | null> {
    const row = (await this.prisma.creatorProfile.findFirst({
      where: { stripeAccountId: null, stripeAccountIdempotencyKey: { not: null } },
      orderBy: { stripeAccountApi: { sort: 'desc', nulls: 'last' } },
      select: { stripeAccountApi: true },
    })) as { stripeAccountApi: StripeAccountApi | null } | null;
    return row && apiOf(row);
  }

  async claimCreation(userId: string, claim: CreationClaim): Promise<boolean> {
    const claimed = (await this.prisma.creatorProfile.updateMany({
      where: {
        userId,
        stripeAccountId: null,
        stripeAccountIdempotencyKey: claim.retriesKey,
        OR: [{ stripeAccountStatus: { not: StripeAccountStatus.PENDING } }, { updatedAt: { lt: claim.expiredBefore } }],
      },
      data: {
        stripeAccountStatus: StripeAccountStatus.PENDING,
        stripeAccountIdempotencyKey: claim.idempotencyKey,
        stripeAccountApi: claim.api,
        updatedAt: claim.at,
      },
    })) as { count: number };
    return claimed.count > 0;
  }

  async releaseCreation(userId: string, claimedAt: Date, forgetKey: boolean): Promise<void> {
    await this.prisma.creatorProfile.updateMany({
      where: { userId, stripeAccountId: null, updatedAt: claimedAt },
      data: { stripeAccountStatus: StripeAccountStatus.NOT_STARTED, ...(forgetKey && { stripeAccountIdempotencyKey: null, stripeAccountApi: null }) },
    });
  }

  async storeCreatedAccount(userId: string, accountId: string): Promise<boolean> {
    const stored = (await this.prisma.creatorProfile.updateMany({
      where: { userId, stripeAccountId: null },
      data: { stripeAccountId: accountId, stripeAccountStatus: StripeAccountStatus.PENDING, stripeAccountIdempotencyKey: null },
    })) as { count: number };
    return stored.count > 0;
  }

  async hasEvent(eventId: string): Promise<boolean> {
    return (await this.prisma.stripeWebhookEvent.findUnique({ where: { id: eventId }, select: { id: true } })) !== null;
  }

  transaction<T>(work: (tx: ConnectAccountTransaction) => Promise<T>): Promise<T> {
    return this.prisma.$transaction((tx) => work(new PrismaAccountTransaction(tx)), { timeout: TRANSACTION_TIMEOUT_MS });
  }
}

class PrismaAccountTransaction implements ConnectAccountTransaction {
  constructor(private readonly tx: Delegates) {}

  async recordEvent(event: RecordedEvent): Promise<boolean> {
    const created = (await this.tx.stripeWebhookEvent.createMany({ data: [event], skipDuplicates: true })) as { count: number };
    return created.count > 0;
  }

  async lockAccount(accountId: string): Promise<LockedAccount | null> {
    // Touching the row takes its lock and reads what was committed before it, in one statement.
    const [row] = (await this.tx.creatorProfile.updateManyAndReturn({
      where: { stripeAccountId: accountId },
      data: { updatedAt: new Date() },
      select: {
        userId: true,
        stripeAccountApi: true,
        stripeAccountStatus: true,
        stripeChargesEnabled: true,
        stripePayoutsEnabled: true,
        stripeStateObservedFrom: true,
        stripeStateObservedTo: true,
      },
    })) as LockedRow[];
    if (!row) return null;
    const { stripeStateObservedFrom: observedFrom, stripeStateObservedTo: observedTo, ...state } = row;
    return { ...state, stripeAccountApi: apiOf(row), observedFrom, observedTo };
  }

  async linkPendingCreation(userId: string, accountId: string): Promise<void> {
    await this.tx.creatorProfile.updateMany({
      where: { userId, stripeAccountId: null, stripeAccountIdempotencyKey: { not: null } },
      data: { stripeAccountId: accountId, stripeAccountIdempotencyKey: null },
    });
  }

  async wasDeauthorized(accountId: string): Promise<boolean> {
    return (await this.tx.stripeWebhookEvent.findFirst({ where: { accountId, type: DEAUTHORIZED }, select: { id: true } })) !== null;
  }

  async writeState(accountId: string, state: AccountState, observed?: { from: Date; to: Date }): Promise<void> {
    await this.tx.creatorProfile.update({
      where: { stripeAccountId: accountId },
      data: { ...state, ...(observed && { stripeStateObservedFrom: observed.from, stripeStateObservedTo: observed.to }) },
    });
  }
}
