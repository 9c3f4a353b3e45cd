import { Controller, Headers, HttpCode, HttpStatus, Post, Req, UseFilters } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiEnvelopeResponse, ApiErrorResponses, ok, type Ok } from './http/envelope';
import { StripeConnectExceptionFilter } from './http/stripe-connect-exception.filter';
import { StripeConnectWebhookService } from './stripe-connect-webhook.service';

export class WebhookAckDto {
  @ApiProperty({ example: true }) received: boolean;
}

const RAW_BODY_MISSING =
  'The Stripe webhook received a body without its raw bytes, so no signature can be verified: create the app with ' +
  'NestFactory.create(AppModule, { rawBody: true }) (Express or Fastify).';

/** Stripe calls this; it is authenticated by the signature, not by a user token, and not user-throttled. */
@ApiTags('Webhooks')
@Controller('webhooks/stripe')
@UseFilters(StripeConnectExceptionFilter)
export class StripeConnectWebhookController {
  constructor(private readonly webhooks: StripeConnectWebhookService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Stripe webhook: thin v2 account events and v1 Connect events',
    description:
      'Verifies `Stripe-Signature` over the raw body with each configured secret (tolerance 300 s). Handles thin ' +
      '`v2.core.account…` events (the account is read from Stripe and stored; 503 when it cannot be read), `account.updated` and ' +
      '`account.application.deauthorized`; replays, unknown accounts and other event types are acknowledged and ignored. ' +
      'An event older than the stored state changes nothing; one of the same moment (the same second as an applied event, or a status read in flight) ' +
      'stores the account as Stripe returns it now; 503 when Stripe cannot be asked (Stripe delivers the event again).',
  })
  @ApiHeader({ name: 'Stripe-Signature', required: true })
  @ApiEnvelopeResponse(HttpStatus.OK, WebhookAckDto, 'Event received (applied, or ignored as a replay, stale, or not ours).')
  @ApiErrorResponses(
    'webhook.invalid_signature',
    'webhook.invalid_payload',
    'common.payload_too_large',
    'webhook.not_configured',
    'common.service_unavailable',
    'common.internal_error',
  )
  async receive(
    @Req() req: { rawBody?: unknown; body?: unknown; headers: Record<string, string | string[] | undefined> },
    @Headers('stripe-signature') signature?: string,
  ): Promise<Ok<WebhookAckDto>> {
    await this.webhooks.handle(this.rawBodyOf(req), signature);
    return ok({ received: true });
  }

  /**
   * The bytes Stripe signed: Nest's `rawBody` (the app made with `rawBody: true`), or a body a raw parser left as
   * it came. A body the host parsed without keeping its bytes cannot be verified: a 500, whose logged error says
   * what to turn on (rather than a signature failure, which would send the operator looking at the secret).
   */
  private rawBodyOf(req: { rawBody?: unknown; body?: unknown; headers: Record<string, string | string[] | undefined> }): Buffer {
    if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
    if (Buffer.isBuffer(req.body)) return req.body;
    // Bytes were sent, and no parser kept them (none ran, or one parsed them away).
    if (Number(req.headers['content-length'] ?? 0) > 0 || (typeof req.body === 'object' && req.body !== null && Object.keys(req.body).length > 0)) {
      throw new Error(RAW_BODY_MISSING);
    }
    return Buffer.alloc(0);
  }
}
