import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import Stripe from 'stripe';
import { DashboardLinkController } from './dashboard-link.controller';
import { DashboardLinkService, STRIPE } from './dashboard-link.service';
import { JwtStrategy } from './jwt.strategy';
import { PrismaService } from './prisma.service';

@Module({
  imports: [
    PassportModule,
    // 10 requests per hour; the in-memory storage the module ships with.
    ThrottlerModule.forRoot([{ ttl: 3600000, limit: 10 }]),
  ],
  controllers: [DashboardLinkController],
  providers: [
    PrismaService,
    JwtStrategy,
    DashboardLinkService,
    {
      provide: STRIPE,
      // The stand-in as Stripe (STRIPE_API_BASE); otherwise the SDK's defaults.
      useFactory: () => {
        const base = new URL(process.env.STRIPE_API_BASE ?? 'https://api.stripe.com');
        return new Stripe(process.env.STRIPE_SECRET_KEY as string, {
          host: base.hostname,
          port: base.port || (base.protocol === 'http:' ? 80 : 443),
          protocol: base.protocol === 'http:' ? 'http' : 'https',
        });
      },
    },
  ],
})
export class AppModule {}
