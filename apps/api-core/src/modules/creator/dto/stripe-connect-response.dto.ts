import { ApiProperty } from '@nestjs/swagger';

export class DashboardLinkResponseDto {
  @ApiProperty({
    description: 'Single-use Stripe Express Dashboard login URL. A bearer credential: redirect to it, never store or log it.',
    example: 'https://connect.stripe.com/express/acct_1Nv0FGQ9RKHgCVdK/Lf7bA2XkQp',
  })
  url: string;
}
