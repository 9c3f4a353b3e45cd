import { Body, Controller, Get, Header, HttpCode, HttpStatus, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreatorAuthGuard } from './creator-auth.guard';
import { CreatorId } from './creator-id.decorator';
import { ApiEnvelopeResponse, ApiErrorResponses, ok, type Ok } from './http/envelope';
import { StripeConnectExceptionFilter } from './http/stripe-connect-exception.filter';
import { ApiNoBody, NoBodyPipe } from './http/no-body.pipe';
import { ConnectStatusResponseDto, DashboardLinkResponseDto, InitiateConnectResponseDto, OnboardingLinkResponseDto } from './dto/stripe-connect-response.dto';
import { StripeConnectService } from './stripe-connect.service';

/** What a route that works on the creator's existing Stripe account can answer. */
const EXISTING_ACCOUNT_ERRORS = [
  'common.validation_failed',
  'creator.stripe.not_creator',
  'creator.stripe.account_not_found',
  'creator.stripe.not_active',
  'creator.stripe.service_unavailable',
  'creator.stripe.upstream_error',
] as const;

/** Creator routes: the host's auth, then the module's rate limit per user and route. Answers carry Stripe bearer URLs: never cached. */
@ApiTags('Creator Stripe Connect')
@ApiBearerAuth()
@Controller('creators/stripe-connect')
@UseGuards(CreatorAuthGuard)
@UseFilters(StripeConnectExceptionFilter)
@ApiErrorResponses('auth.unauthorized', 'common.payload_too_large', 'common.rate_limited', 'common.internal_error', 'common.service_unavailable')
export class StripeConnectController {
  constructor(private readonly stripeConnect: StripeConnectService) {}

  @Post('dashboard-link')
  @ApiNoBody()
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Stripe Express Dashboard login link ("Manage payouts")',
    description: 'Returns a new single-use login URL for the calling creator. Limited per user (10 requests per hour unless the host sets otherwise).',
  })
  @ApiEnvelopeResponse(HttpStatus.OK, DashboardLinkResponseDto, 'A fresh login URL; redirect the creator to it.')
  @ApiErrorResponses(...EXISTING_ACCOUNT_ERRORS)
  async createDashboardLink(@CreatorId() userId: string, @Body(NoBodyPipe) _body: unknown): Promise<Ok<DashboardLinkResponseDto>> {
    return ok(await this.stripeConnect.createDashboardLink(userId));
  }

  @Post('initiate')
  @ApiNoBody()
  @HttpCode(HttpStatus.CREATED)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Start Stripe Connect onboarding',
    description:
      'Creates the creator’s Stripe account with the Express Dashboard if there is none (never a second one; Accounts v2 unless ' +
      'configured for v1) and returns a fresh hosted onboarding link. Requires approved KYC.',
  })
  @ApiEnvelopeResponse(HttpStatus.CREATED, InitiateConnectResponseDto, 'The account and a fresh onboarding URL; status is PENDING.')
  @ApiErrorResponses(
    'common.validation_failed',
    'creator.stripe.not_creator',
    'creator.stripe.kyc_required',
    'creator.stripe.service_unavailable',
    'creator.stripe.connect_in_progress',
    'creator.stripe.upstream_error',
  )
  async initiate(@CreatorId() userId: string, @Body(NoBodyPipe) _body: unknown): Promise<Ok<InitiateConnectResponseDto>> {
    return ok(await this.stripeConnect.initiate(userId));
  }

  @Post('refresh-link')
  @ApiNoBody()
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'New onboarding link', description: 'For an existing account whose last onboarding link expired or was abandoned.' })
  @ApiEnvelopeResponse(HttpStatus.OK, OnboardingLinkResponseDto, 'A fresh onboarding URL.')
  @ApiErrorResponses(...EXISTING_ACCOUNT_ERRORS)
  async refreshLink(@CreatorId() userId: string, @Body(NoBodyPipe) _body: unknown): Promise<Ok<OnboardingLinkResponseDto>> {
    return ok(await this.stripeConnect.refreshOnboardingLink(userId));
  }

  @Get('status')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Payout account status',
    description: 'Live from Stripe and written back; the stored values (detailsSubmitted false) when Stripe cannot be asked.',
  })
  @ApiEnvelopeResponse(HttpStatus.OK, ConnectStatusResponseDto, 'The account status.')
  @ApiErrorResponses('creator.stripe.not_creator')
  async getStatus(@CreatorId() userId: string): Promise<Ok<ConnectStatusResponseDto>> {
    return ok(await this.stripeConnect.getStatus(userId));
  }
}
