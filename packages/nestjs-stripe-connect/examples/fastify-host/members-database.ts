import { randomBytes } from 'node:crypto';
import type { StripeAccountApi, StripeAccountStatus } from '@creator-payouts/nestjs-stripe-connect';

/** The host's own users: numeric ids, a display handle, and whether they may sell (its own rule, not KYC). */
export interface Member {
  id: number;
  handle: string;
  email: string;
  seller: boolean;
}

/** The host's own table of payout accounts, keyed by member id, with its own column names. */
export interface PayoutAccountRow {
  memberId: number;
  connectAccount: string | null;
  connectApi: StripeAccountApi | null;
  pendingKey: string | null;
  state: StripeAccountStatus;
  charges: boolean;
  payouts: boolean;
  seenFrom: Date | null;
  seenTo: Date | null;
  touchedAt: Date;
}

/**
 * The example host's database: in memory, one writer at a time. `transaction` runs its work alone and puts every
 * table back as it was when the work throws, which is what the module's port asks of a transaction and its lock.
 */
export class MembersDatabase {
  members = new Map<number, Member>();
  sessions = new Map<string, number>();
  payoutAccounts = new Map<number, PayoutAccountRow>();
  webhookEvents = new Map<string, { type: string; accountId: string | null; created: Date }>();
  private queue: Promise<unknown> = Promise.resolve();

  addMember(member: Member): string {
    this.members.set(member.id, member);
    if (member.seller) {
      this.payoutAccounts.set(member.id, {
        memberId: member.id,
        connectAccount: null,
        connectApi: null,
        pendingKey: null,
        state: 'NOT_STARTED',
        charges: false,
        payouts: false,
        seenFrom: null,
        seenTo: null,
        touchedAt: new Date(),
      });
    }
    const token = randomBytes(24).toString('base64url');
    this.sessions.set(token, member.id);
    return token;
  }

  /** Work that runs alone: the next one starts when it has finished, committed or rolled back. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const payoutAccounts = new Map([...this.payoutAccounts].map(([id, row]) => [id, { ...row }]));
      const webhookEvents = new Map(this.webhookEvents);
      try {
        return await work();
      } catch (error) {
        this.payoutAccounts = payoutAccounts;
        this.webhookEvents = webhookEvents;
        throw error;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
