import { type DynamicModule, Inject, type MiddlewareConsumer, Module, type NestModule, RequestMethod, type Type } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { Logger as PinoLogger } from 'pino';
import type { AppConfig } from './common/config/app-config';
import { ConfigModule } from '@nestjs/config';
import { DatabaseModule } from './common/database/database.module';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter';
import { createValidationPipe } from './common/http/validation.pipe';
import { LoggingModule } from './common/logging/logging.module';
import { MetricsModule } from './common/metrics/metrics.module';
import type { MetricsService } from './common/metrics/metrics.service';
import { ThrottlingModule } from './common/throttling/throttling.module';
import { StripeConnectHostModule } from './modules/stripe-connect/stripe-connect-host.module';
import { HealthModule } from './modules/health/health.module';

/** Creator routes take no body; a few KB leaves room for clients that send `{}` anyway. */
export const BODY_LIMIT_BYTES = 4 * 1024;
/** Stripe event payloads; the signature is computed over these exact bytes. */
export const WEBHOOK_BODY_LIMIT_BYTES = 512 * 1024;
/**
 * The versioned API: every creator route lives under it. Health and metrics
 * stay outside it (`/api/health/*`, `/api/metrics`). The Stripe Connect
 * module's prefix rather than a global prefix with exclusions, for which Nest
 * registers every middleware once more per excluded route.
 */
export const API_PREFIX = 'api/v1';
export const WEBHOOK_PATH = `/${API_PREFIX}/webhooks/stripe`;

/** Nest middleware, which gets Node's own request and response on Fastify. */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * What an entry adds to the app. Production adds nothing; the dev entry
 * (apps/api-core/dev) adds local mode's pages and its Host check, so none of
 * that code is in the production build.
 */
export interface AppExtensions {
  /** More modules: their controllers and middleware. */
  imports?: Array<Type | DynamicModule>;
  /** Run on every request after the app's request hooks (request line, metrics, correlation id), before anything reads the body. */
  firstMiddleware?: NodeMiddleware[];
}

/**
 * What the app records with, made before Nest and Fastify so that both use the
 * same ones: Fastify's request hooks and loggers, and Nest's providers.
 */
export interface AppInstruments {
  logger: PinoLogger;
  metrics: MetricsService;
}

const FIRST_MIDDLEWARE = Symbol('FIRST_MIDDLEWARE');

@Module({})
export class AppModule implements NestModule {
  constructor(@Inject(FIRST_MIDDLEWARE) private readonly firstMiddleware: NodeMiddleware[]) {}

  static forRoot(config: AppConfig, { logger, metrics }: AppInstruments, extensions: AppExtensions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // Validated before the app is built (loadConfig), because local mode and the tests build it from their own environment.
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, load: [() => config] }),
        LoggingModule.forRoot(logger),
        DatabaseModule.forRoot(),
        MetricsModule.forRoot(metrics),
        ThrottlingModule.forRoot(),
        StripeConnectHostModule.forRoot(API_PREFIX),
        HealthModule,
        ...(extensions.imports ?? []),
      ],
      providers: [
        { provide: FIRST_MIDDLEWARE, useValue: extensions.firstMiddleware ?? [] },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Before anything reads the request body (local mode's Host check: a DNS-rebinding page gets the refusal only).
    if (this.firstMiddleware.length > 0) consumer.apply(...this.firstMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
