import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AccountChange } from './account-state.service';
import type { ResolvedStripeConnectOptions } from './options';
import { StripeAccountStatus } from './store/connect-account-store';
import { STRIPE_CONNECT_OPTIONS } from './tokens';

/** How long the answer waits for one hook by default. */
export const DEFAULT_HOOK_TIMEOUT_MS = 5_000;

/**
 * Calls the host's hooks for a committed change, one after the other; a hook that fails, or is still running after
 * its time, is logged and the rest still run.
 */
@Injectable()
export class HooksRunnerService {
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
    const timeoutMs = this.options.hooks.timeoutMs ?? DEFAULT_HOOK_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
    try {
      const running = Promise.resolve().then(call);
      // A hook that finishes (or fails) after its time is still heard of, in the log.
      running.catch((error: unknown) => this.logFailure(name, error));
      if (
        (await Promise.race([
          running.then(
            () => 'done' as const,
            () => 'done' as const,
          ),
          late,
        ])) === 'late'
      ) {
        this.logger.error(`The ${name} hook was still running after ${timeoutMs} ms: answered without it`);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /** The change is stored whatever the hook does; the host's failure is its own to fix. */
  private logFailure(name: string, error: unknown): void {
    this.logger.error(`The ${name} hook failed: ${error instanceof Error ? error.message : String(error)}`, error instanceof Error ? error.stack : undefined);
  }
}
