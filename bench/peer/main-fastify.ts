// The textbook peer on Fastify: the same module as main.ts, started as the
// NestJS docs' Fastify page sets it up (FastifyAdapter, NestFastifyApplication),
// with the exception filter written for Fastify's reply (its `send`, where
// Express has `json`). The bench measures it beside the Express peer: a team
// writing the endpoint themselves may pick either adapter.
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { EnvelopeInterceptor } from './envelope.interceptor';
import { FastifyHttpExceptionFilter } from './fastify-http-exception.filter';

async function bootstrap() {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter());
  app.setGlobalPrefix('api/v1');
  app.useGlobalInterceptors(new EnvelopeInterceptor());
  app.useGlobalFilters(new FastifyHttpExceptionFilter());
  // Loopback only: the bench never listens anywhere else.
  await app.listen(process.env.PORT ?? 3000, '127.0.0.1');
}
bootstrap();
