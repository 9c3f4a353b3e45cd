import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';

/**
 * Readiness turns false as soon as shutdown begins (`startDraining()` on the
 * signal, before SHUTDOWN_DRAIN_MS of serving on), so a load balancer stops
 * sending new requests before the listener closes.
 */
@Injectable()
export class ReadinessService implements BeforeApplicationShutdown {
  private draining = false;

  get isDraining(): boolean {
    return this.draining;
  }

  startDraining(): void {
    this.draining = true;
  }

  // Also when the app is closed without a signal (the tests).
  beforeApplicationShutdown(): void {
    this.startDraining();
  }
}
