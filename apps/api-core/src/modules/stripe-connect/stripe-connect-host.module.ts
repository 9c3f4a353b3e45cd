import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PrismaConnectAccountStore, StripeConnectModule, type StripeConnectModuleOptions } from '@creator-payouts/nestjs-stripe-connect';
import { PrismaClient } from '@creator-payouts/prisma';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { PinoLogger } from 'nestjs-pino';
import type { AppConfig } from '../../common/config/app-config';
import { classifyDatabaseError, reportToRequestLine } from '../../common/http/all-exceptions.filter';
import { MetricsService } from '../../common/metrics/metrics.service';
import { REDIS } from '../../common/throttling/throttling.module';
import { AuthModule } from '../auth/auth.module';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import type { AuthenticatedUser } from '../auth/jwt.strategy';

/**
 * This app as the Stripe Connect module's first host: its configuration, its passport-jwt auth, its Prisma
 * client, its Redis, its logs and metrics, wired into the module's options.
 */
@Module({})
export class StripeConnectHostModule {
  static forRoot(prefix: string): DynamicModule {
    return {
      module: StripeConnectHostModule,
      imports: [
        StripeConnectModule.forRootAsync({
          prefix,
          imports: [AuthModule],
          inject: [ConfigService, PrismaClient, REDIS, MetricsService, PinoLogger, JwtAuthGuard],
          useFactory: (
            config: ConfigService<AppConfig, true>,
            prisma: PrismaClient,
            redis: Redis | null,
            metrics: MetricsService,
            logger: PinoLogger,
            jwtAuthGuard: JwtAuthGuard,
          ): StripeConnectModuleOptions => {
            const stripe = config.get('stripe', { infer: true });
            return {
              stripe: {
                secretKey: stripe.secretKey,
                apiBase: stripe.apiBase,
                timeoutMs: stripe.timeoutMs,
                maxNetworkRetries: stripe.maxNetworkRetries,
                accountsApi: stripe.accountsApi === 'V1' ? 'v1' : 'v2',
                webhookSecrets: stripe.webhookSecrets,
              },
              onboarding:
                stripe.connectReturnUrl && stripe.connectRefreshUrl ? { returnUrl: stripe.connectReturnUrl, refreshUrl: stripe.connectRefreshUrl } : undefined,
              auth: { guards: [jwtAuthGuard], userId: (req: { user?: AuthenticatedUser }) => req.user?.id },
              store: new PrismaConnectAccountStore(prisma),
              rateLimit: { redis },
              telemetry: {
                annotate: (fields) => logger.assign(fields),
                stripeResponse: (event) => metrics.observeStripeResponse(event),
                stripeFailure: (failure) => metrics.countStripeError(failure.stripeErrorType),
                rateLimited: (req) => metrics.countRateLimited(req as FastifyRequest),
              },
              errors: {
                classify: classifyDatabaseError,
                report: (error, key, _req, res) => reportToRequestLine(logger, error, key, res as FastifyReply),
              },
            };
          },
        }),
      ],
    };
  }
}
