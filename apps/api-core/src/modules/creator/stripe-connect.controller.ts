import { Controller, Header, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiEnvelopeResponse, ApiErrorResponses } from '../../common/http/api-response';
import { CurrentUser } from '../auth/current-user.decorator';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import type { AuthenticatedUser } from '../auth/jwt.strategy';
import { UserThrottlerGuard } from '../auth/user-throttler.guard';
import { DashboardLinkResponseDto } from './dto/stripe-connect-response.dto';
import { StripeConnectService } from './stripe-connect.service';

@ApiTags('Creator Stripe Connect')
@ApiBearerAuth()
@Controller('creators/stripe-connect')
@UseGuards(JwtAuthGuard, UserThrottlerGuard)
@ApiErrorResponses('auth.unauthorized', 'common.payload_too_large', 'common.rate_limited', 'common.internal_error')
export class StripeConnectController {
  constructor(private readonly stripeConnect: StripeConnectService) {}

  @Post('dashboard-link')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Stripe Express Dashboard login link ("Manage payouts")',
    description: 'Returns a new single-use login URL for the calling creator. Limited to 10 requests per hour per user.',
  })
  @ApiEnvelopeResponse(HttpStatus.OK, DashboardLinkResponseDto, 'A fresh login URL; redirect the creator to it.')
  @ApiErrorResponses(
    'common.validation_failed',
    'creator.stripe.not_creator',
    'creator.stripe.account_not_found',
    'creator.stripe.not_active',
    'creator.stripe.service_unavailable',
    'creator.stripe.upstream_error',
  )
  createDashboardLink(@CurrentUser() user: AuthenticatedUser): Promise<DashboardLinkResponseDto> {
    return this.stripeConnect.createDashboardLink(user.id);
  }
}
