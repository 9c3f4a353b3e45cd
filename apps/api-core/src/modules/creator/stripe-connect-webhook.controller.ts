import { Controller, Headers, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiEnvelopeResponse, ApiErrorResponses, ok, type Ok } from '../../common/http/api-response';
import { StripeConnectWebhookService } from './stripe-connect-webhook.service';

export class WebhookAckDto {
  @ApiProperty({ example: true }) received: boolean;
}

/** Stripe calls this; it is authenticated by the signature, not by a user token, and not user-throttled. */
@ApiTags('Webhooks')
@Controller('webhooks/stripe')
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
  @ApiErrorResponses('webhook.invalid_signature', 'webhook.invalid_payload', 'common.payload_too_large', 'webhook.not_configured', 'common.service_unavailable', 'common.internal_error')
  async receive(@Req() req: Request, @Headers('stripe-signature') signature?: string): Promise<Ok<WebhookAckDto>> {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    await this.webhooks.handle(rawBody, signature);
    return ok({ received: true });
  }
}
