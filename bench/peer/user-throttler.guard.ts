import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

// The per-user limit: the docs' ThrottlerGuard subclass with getTracker
// overridden, keyed on the user set by the JWT guard that runs before it.
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, any>): Promise<string> {
    return req.user.userId;
  }
}
