import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PaymentModule } from '../payment/payment.module';
import { StripeConnectController } from './stripe-connect.controller';
import { StripeConnectService } from './stripe-connect.service';

@Module({
  imports: [AuthModule, PaymentModule],
  controllers: [StripeConnectController],
  providers: [StripeConnectService],
})
export class CreatorModule {}
