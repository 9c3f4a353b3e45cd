import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AccountChange } from './account-state.service';
import type { ResolvedStripeConnectOptions } from './options';
import { StripeAccountStatus } from './store/connect-account-store';
import { STRIPE_CONNECT_OPTIONS } from './tokens';

/** Calls the host's hooks for a committed change, one after the other; a hook that fails is logged and the rest still run. */
@Injectable()
export class HooksRunner {
  private readonly logger = new Logger('StripeConnectModule');

  constructor(@Inject(STRIPE_CONNECT_OPTIONS) private readonly options: ResolvedStripeConnectOptions) {}

  async notify(change: AccountChange | undefined): Promise<void> {
    if (!change) return;
    const { hooks } = this.options;
    const { userId, accountId, from, to, lost } = change;
    if (from !== to) await this.run('statusChanged', () => hooks.statusChanged?.({ userId, accountId, from, to }));
    if (to === StripeAccountStatus.ACTIVE && from !== to) await this.run('accountReady', () => hooks.accountReady?.({ userId, accountId }));
    if (lost) await this.run('accountClosed', () => hooks.accountClosed?.({ userId, accountId, reason: lost }));
  }

  private async run(name: string, call: () => unknown): Promise<void> {
    try {
      await call();
    } catch (error) {
      // The change is stored whatever the hook does; the host's failure is its own to fix.
      this.logger.error(`The ${name} hook failed: ${error instanceof Error ? error.message : String(error)}`, error instanceof Error ? error.stack : undefined);
    }
  }
}
