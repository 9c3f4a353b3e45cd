import {
  type ArgumentsHost,
  type CanActivate,
  Catch,
  Controller,
  type ExceptionFilter,
  type ExecutionContext,
  Get,
  HttpException,
  Injectable,
  type LoggerService,
  Module,
  Req,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { StripeConnectModule, type StatusChange, type StripeConnectHooks } from '@creator-payouts/nestjs-stripe-connect';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Member, MembersDatabase } from './members-database';
import { PayoutAccountStore } from './payout-account.store';

/** The host's request, once its session guard has found the member. */
type SessionRequest = FastifyRequest & { member?: Member };

/** The host's own auth: an opaque session token (`Authorization: Session <token>`) looked up in its database. No passport, no JWT. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(private readonly db: MembersDatabase) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<SessionRequest>();
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    const memberId = scheme === 'Session' && token ? this.db.sessions.get(token) : undefined;
    if (memberId === undefined) throw new UnauthorizedException();
    req.member = this.db.members.get(memberId);
    return true;
  }
}

/** What the host does on payout account changes: here, it keeps them (a real host would email the creator, unlock sales...). */
@Injectable()
export class PayoutNotifications implements StripeConnectHooks {
  readonly changes: StatusChange[] = [];
  readonly ready: string[] = [];
  failing = false;
  hanging = false;
  /** The host's limit on how long a notification may hold an answer. */
  readonly timeoutMs = 300;

  statusChanged(change: StatusChange): Promise<void> | void {
    if (this.hanging) return new Promise(() => undefined);
    if (this.failing) throw new Error('the notification service is down');
    this.changes.push(change);
  }

  async accountReady({ userId }: { userId: string }): Promise<void> {
    if (this.failing) throw new Error('the notification service is down');
    this.ready.push(userId);
  }
}

/** The host's own error format on its own routes: `{ error, statusCode }`, nothing like the module's envelope. */
@Catch()
export class HostErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    void host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(status)
      .send({ error: status === 401 ? 'please sign in' : 'oops', statusCode: status });
  }
}

@Controller('me')
@UseGuards(SessionGuard)
export class MeController {
  @Get()
  me(@Req() req: SessionRequest): { id: number; handle: string } {
    return { id: req.member!.id, handle: req.member!.handle };
  }
}

@Module({ providers: [MembersDatabase, PayoutNotifications, SessionGuard], exports: [MembersDatabase, PayoutNotifications, SessionGuard] })
export class MembersModule {}

export interface HostSettings {
  stripeApiBase: string;
  webhookSecret: string;
}

/** The example host: Fastify, its own members and sessions, its own global ThrottlerGuard and error format, and the module under /payouts. */
export function hostModule(settings: HostSettings) {
  @Module({
    imports: [
      MembersModule,
      // The host's own throttling of every route (by IP): the module's per-creator limit holds beside it.
      ThrottlerModule.forRoot({ throttlers: [{ limit: 1_000, ttl: 60_000 }] }),
      StripeConnectModule.forRootAsync({
        prefix: 'payouts',
        imports: [MembersModule],
        inject: [MembersDatabase, PayoutNotifications, SessionGuard],
        useFactory: (db: MembersDatabase, hooks: PayoutNotifications, sessions: SessionGuard) => ({
          stripe: { secretKey: 'sk_test_examplehost', apiBase: settings.stripeApiBase, webhookSecrets: [settings.webhookSecret] },
          onboarding: { returnUrl: 'https://shop.example.com/payouts/done', refreshUrl: 'https://shop.example.com/payouts/again' },
          auth: { guards: [sessions], userId: (req: SessionRequest) => (req.member ? String(req.member.id) : undefined) },
          store: new PayoutAccountStore(db),
          hooks,
        }),
      }),
    ],
    controllers: [MeController],
    providers: [
      { provide: APP_GUARD, useClass: ThrottlerGuard },
      { provide: APP_FILTER, useClass: HostErrorFilter },
    ],
  })
  class HostModule {}
  return HostModule;
}

/** The host as its main.ts would start it; `rawBody: true` is what the module's webhook needs. */
export async function createHost(settings: HostSettings, logger: LoggerService | false = false): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(hostModule(settings), new FastifyAdapter(), { rawBody: true, logger });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
