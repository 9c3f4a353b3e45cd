import { ApiProperty } from '@nestjs/swagger';
import { StripeAccountStatus } from '../store/connect-account-store';

export class DashboardLinkResponseDto {
  @ApiProperty({
    description: 'Single-use Stripe Express Dashboard login URL. A bearer credential: redirect to it, never store or log it.',
    example: 'https://connect.stripe.com/express/acct_1Nv0FGQ9RKHgCVdK/Lf7bA2XkQp',
  })
  url: string;
}

export class InitiateConnectResponseDto {
  @ApiProperty({ description: "The creator's Stripe connected account (with the Express Dashboard)", example: 'acct_1Nv0FGQ9RKHgCVdK' })
  accountId: string;

  @ApiProperty({
    description: 'Stripe-hosted onboarding URL (Account Link). Short-lived bearer credential: redirect to it.',
    example: 'https://connect.stripe.com/setup/e/acct_1Nv0FGQ9RKHgCVdK/Ab3dE5fG',
  })
  onboardingUrl: string;
}

export class OnboardingLinkResponseDto {
  @ApiProperty({
    description: 'A fresh Stripe-hosted onboarding URL for the existing account.',
    example: 'https://connect.stripe.com/setup/e/acct_1Nv0FGQ9RKHgCVdK/Ab3dE5fG',
  })
  onboardingUrl: string;
}

export class ConnectStatusResponseDto {
  @ApiProperty({ type: String, nullable: true, example: 'acct_1Nv0FGQ9RKHgCVdK' })
  stripeAccountId: string | null;

  @ApiProperty({ enum: StripeAccountStatus, enumName: 'StripeAccountStatus', example: StripeAccountStatus.ACTIVE })
  stripeAccountStatus: StripeAccountStatus;

  @ApiProperty({ description: 'Card payments enabled (v1 `charges_enabled`). Always false for a v2 recipient account, which takes none.' })
  chargesEnabled: boolean;

  @ApiProperty({ description: "Payouts enabled (v1 `payouts_enabled`; v2: the recipient's payouts capability is active)." })
  payoutsEnabled: boolean;

  @ApiProperty({
    description: "Onboarding submitted (v1 `details_submitted`; v2: Stripe's terms accepted). False also when Stripe could not be asked (unknown).",
  })
  detailsSubmitted: boolean;
}
