import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';

/**
 * Readiness turns false as soon as shutdown begins, so a load balancer stops
 * sending new requests while in-flight ones finish.
 */
@Injectable()
export class Readiness implements BeforeApplicationShutdown {
  private draining = false;

  get isDraining(): boolean {
    return this.draining;
  }

  beforeApplicationShutdown(): void {
    this.draining = true;
  }
}
