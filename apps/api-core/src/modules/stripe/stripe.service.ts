import { ConfigService } from '@nestjs/config';
import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import Stripe from 'stripe';
import type { AppConfig } from '../../common/config/app-config';
import { AppException } from '../../common/errors/app.exception';
import { Metrics } from '../../common/metrics/metrics';
import { describeStripeError } from './stripe-errors';

/**
 * The platform's Stripe client, built once from configuration. Without a
 * secret key the service still starts; Stripe features then answer
 * `creator.stripe.service_unavailable` through `requireStripe()`.
 */
@Injectable()
export class StripeService {
  private readonly client: Stripe | null;
  /** The longest one call can take: each attempt's timeout and stripe-node's back-off before a retry (at most 5 s). */
  readonly longestCallMs: number;

  constructor(
    config: ConfigService<AppConfig, true>,
    private readonly metrics: Metrics,
    private readonly logger: PinoLogger,
  ) {
    const { secretKey, apiBase, timeoutMs, maxNetworkRetries } = config.get('stripe', { infer: true });
    this.longestCallMs = (timeoutMs + 5_000) * (maxNetworkRetries + 1);
    if (!secretKey) {
      this.client = null;
      return;
    }
    const base = new URL(apiBase);
    this.client = new Stripe(secretKey, {
      host: base.hostname,
      port: base.port ? Number(base.port) : undefined,
      protocol: base.protocol === 'http:' ? 'http' : 'https',
      timeout: timeoutMs,
      maxNetworkRetries,
      telemetry: false,
      appInfo: { name: 'creator-payouts' },
    });
    this.client.on('response', (event: Stripe.ResponseEvent) => metrics.observeStripeResponse(event));
  }

  get isConfigured(): boolean {
    return this.client !== null;
  }

  requireStripe(): Stripe {
    if (!this.client) throw new AppException('creator.stripe.service_unavailable');
    return this.client;
  }

  /** Keeps Stripe's request id and error type on the request's log line, and counts the failure. */
  recordFailure(error: InstanceType<typeof Stripe.errors.StripeError>): void {
    const failure = describeStripeError(error);
    this.logger.assign(failure);
    this.metrics.countStripeError(failure.stripeErrorType);
  }
}
