import { Controller, HttpCode, HttpStatus, Post, Request, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { DashboardLinkService } from './dashboard-link.service';
import { UserThrottlerGuard } from './user-throttler.guard';

@Controller('creators/stripe-connect')
@UseGuards(AuthGuard('jwt'), UserThrottlerGuard)
export class DashboardLinkController {
  constructor(private readonly dashboardLinkService: DashboardLinkService) {}

  @Post('dashboard-link')
  @HttpCode(HttpStatus.OK)
  createDashboardLink(@Request() req: { user: { userId: string } }) {
    return this.dashboardLinkService.createDashboardLink(req.user.userId);
  }
}
