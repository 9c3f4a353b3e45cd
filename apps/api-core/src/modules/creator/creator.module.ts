import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { StripeModule } from '../stripe/stripe.module';
import { AccountStateService } from './account-state.service';
import { ConnectedAccounts } from './connected-accounts.service';
import { StripeConnectWebhookController } from './stripe-connect-webhook.controller';
import { StripeConnectWebhookService } from './stripe-connect-webhook.service';
import { StripeConnectController } from './stripe-connect.controller';
import { StripeConnectService } from './stripe-connect.service';
import { ConnectAccountStore } from './store/connect-account-store';
import { PrismaConnectAccountStore } from './store/prisma-connect-account-store';

@Module({
  imports: [AuthModule, StripeModule],
  controllers: [StripeConnectController, StripeConnectWebhookController],
  providers: [
    { provide: ConnectAccountStore, useClass: PrismaConnectAccountStore },
    AccountStateService, ConnectedAccounts, StripeConnectService, StripeConnectWebhookService],
})
export class CreatorModule {}
