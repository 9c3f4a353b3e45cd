import type { FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { handlerRoute } from '../http/handler-route';

// A Stripe object id in a path (`acct_1Nv0…`), never a label value.
const STRIPE_ID = /^[a-z]{2,6}_[A-Za-z0-9]{6,}$/;

/**
 * Prometheus metrics (prom-client), one registry per app. Labels are bounded:
 * route patterns, methods, statuses, Stripe operations with ids replaced and
 * outcome classes; never user ids, account ids or URLs.
 */
export class MetricsService {
  readonly registry = new Registry();

  private readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency, by route pattern, method and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly stripeDuration = new Histogram({
    name: 'stripe_request_duration_seconds',
    help: 'Stripe API calls that got an answer, by operation and status class',
    labelNames: ['operation', 'outcome'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly stripeErrors = new Counter({
    name: 'stripe_errors_total',
    help: 'Failed Stripe calls, by error type (connection errors and timeouts included)',
    labelNames: ['type'],
    registers: [this.registry],
  });

  private readonly rateLimited = new Counter({
    name: 'rate_limit_rejections_total',
    help: 'Requests refused with 429 by the per-user limit, by route pattern',
    labelNames: ['route'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** One answered request (request-finish.hook.ts): its latency and its count, under the same labels. */
  observeRequest(method: string, route: string | undefined, status: number, seconds: number): void {
    const labels = { method, route: route ?? 'unmatched', status: String(status) };
    this.httpDuration.observe(labels, seconds);
    this.httpRequests.inc(labels);
  }

  observeStripeResponse(event: { method: string; path: string; status: number; elapsed: number }): void {
    this.stripeDuration.observe({ operation: stripeOperation(event.method, event.path), outcome: `${Math.floor(event.status / 100)}xx` }, event.elapsed / 1000);
  }

  countStripeError(type: string): void {
    this.stripeErrors.inc({ type });
  }

  countRateLimited(req: FastifyRequest): void {
    this.rateLimited.inc({ route: handlerRoute(req) ?? 'unmatched' });
  }
}

export function stripeOperation(method: string, path: string): string {
  const pattern = path
    .split('?')[0]
    .split('/')
    .map((segment) => (STRIPE_ID.test(segment) ? ':id' : segment))
    .join('/');
  return `${method.toUpperCase()} ${pattern}`;
}
