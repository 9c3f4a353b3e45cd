import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PayoutsModule } from './payouts.module';

@Module({ imports: [PayoutsModule] })
class AppModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule, { rawBody: true, logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  console.log(`listening on http://127.0.0.1:${address.port}`);
}

void main();
