import { type CanActivate, type ExecutionContext, Injectable, Module, UnauthorizedException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PrismaConnectAccountStore, StripeConnectModule, type StripeConnectPrismaClient } from '@creator-payouts/nestjs-stripe-connect';
import type { Request } from 'express';

/** The host's API keys, one per user: the smallest auth there is. */
export const API_KEYS = new Map<string, string>();

@Injectable()
class ApiKeyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { userId?: string }>();
    const userId = API_KEYS.get(req.get('x-api-key') ?? '');
    if (!userId) throw new UnauthorizedException();
    req.userId = userId;
    return true;
  }
}

export interface HostSettings {
  prisma: StripeConnectPrismaClient;
  stripeApiBase: string;
  webhookSecret: string;
  /** What the host's main.ts passes to NestFactory.create: the webhook needs `rawBody: true`. */
  rawBody: boolean;
}

/** A minimal Express host: its Prisma client (a schema with the package's fragment), `forRoot` with plain values, routes at the root. */
export async function createHost(
  settings: HostSettings,
  logger: false | { log(): void; warn(): void; error(message: unknown): void } = false,
): Promise<NestExpressApplication> {
  @Module({
    imports: [
      StripeConnectModule.forRoot({
        stripe: { secretKey: 'sk_test_minimalhost', apiBase: settings.stripeApiBase, accountsApi: 'v1', webhookSecrets: [settings.webhookSecret] },
        onboarding: { returnUrl: 'https://minimal.example.com/done', refreshUrl: 'https://minimal.example.com/again' },
        auth: { guards: [ApiKeyGuard], userId: (req: { userId?: string }) => req.userId },
        store: new PrismaConnectAccountStore(settings.prisma),
      }),
    ],
  })
  class HostModule {}
  const app = await NestFactory.create<NestExpressApplication>(HostModule, { rawBody: settings.rawBody, logger });
  return app.init();
}
