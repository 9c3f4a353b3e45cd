import { ConfigService } from '@nestjs/config';
import { Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import type { AppConfig } from '../../common/config/app-config';
import { AppException } from '../../common/errors/app.exception';
import { Metrics } from '../../common/metrics/metrics';

/**
 * The platform's Stripe client, built once from configuration. Without a
 * secret key the service still starts; Stripe features then answer
 * `creator.stripe.service_unavailable` through `requireStripe()`.
 */
@Injectable()
export class StripeService {
  private readonly client: Stripe | null;

  constructor(config: ConfigService<AppConfig, true>, metrics: Metrics) {
    const { secretKey, apiBase, timeoutMs, maxNetworkRetries } = config.get('stripe', { infer: true });
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
}
