// The textbook peer of `npm run bench`: POST /api/v1/creators/stripe-connect/dashboard-link
// written as docs.nestjs.com teaches it, with the same packages as the app and
// nothing more (no request log, metrics, helmet, correlation ids or Redis-capable
// throttler storage). It lives in bench/ only: it is what a team would write on
// its own, and what a user would pick instead of this module.
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { EnvelopeInterceptor } from './envelope.interceptor';
import { HttpExceptionFilter } from './http-exception.filter';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.setGlobalPrefix('api/v1');
  app.useGlobalInterceptors(new EnvelopeInterceptor());
  app.useGlobalFilters(new HttpExceptionFilter());
  // Loopback only: the bench never listens anywhere else.
  await app.listen(process.env.PORT ?? 3000, '127.0.0.1');
}
bootstrap();
