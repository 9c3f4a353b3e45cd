import { Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { StripeConnectException } from '../errors/stripe-connect.exception';
import type { ResolvedStripeConnectOptions } from '../options';
import { STRIPE_CLIENT, STRIPE_CONNECT_OPTIONS } from '../tokens';
import { describeStripeError } from './stripe-errors';

/** The platform's Stripe client, built once from the options; null without a secret key. */
export function createStripeClient({ stripe }: ResolvedStripeConnectOptions): Stripe | null {
  const { secretKey, apiBase, timeoutMs, maxNetworkRetries } = stripe;
  if (!secretKey) return null;
  const base = new URL(apiBase);
  return new Stripe(secretKey, {
    host: base.hostname,
    port: base.port ? Number(base.port) : undefined,
    protocol: base.protocol === 'http:' ? 'http' : 'https',
    timeout: timeoutMs,
    maxNetworkRetries,
    telemetry: false,
    appInfo: { name: 'nestjs-stripe-connect' },
  });
}

/**
 * The platform's Stripe client, as `STRIPE_CLIENT` provides it. Without a
 * secret key the module still starts; Stripe features then answer
 * `creator.stripe.service_unavailable` through `requireStripe()`.
 */
@Injectable()
export class StripeService {
  /** The longest one call can take: each attempt's timeout and stripe-node's back-off before a retry (at most 5 s). */
  readonly longestCallMs: number;

  constructor(
    @Inject(STRIPE_CONNECT_OPTIONS) private readonly options: ResolvedStripeConnectOptions,
    @Inject(STRIPE_CLIENT) private readonly client: Stripe | null,
  ) {
    const { timeoutMs, maxNetworkRetries } = options.stripe;
    this.longestCallMs = (timeoutMs + 5_000) * (maxNetworkRetries + 1);
    const { telemetry } = options;
    // stripe-node declares its `on` as any.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-call
    if (client && telemetry.stripeResponse) client.on('response', (event: Stripe.ResponseEvent) => telemetry.stripeResponse?.(event));
  }

  get isConfigured(): boolean {
    return this.client !== null;
  }

  requireStripe(): Stripe {
    if (!this.client) throw new StripeConnectException('creator.stripe.service_unavailable');
    return this.client;
  }

  /** Hands a failure's Stripe request id and error type to the host's request log line and metrics. */
  recordFailure(error: InstanceType<typeof Stripe.errors.StripeError>): void {
    const failure = describeStripeError(error);
    this.options.telemetry.annotate?.({ ...failure });
    this.options.telemetry.stripeFailure?.(failure);
  }
}
