import { type DynamicModule, Module } from '@nestjs/common';
import { MetricsService } from './metrics.service';
import { MetricsController } from './metrics.controller';

/** The scrape endpoint, and the app's metrics for every module: the instance the app made (its HTTP hooks use it too). */
@Module({})
export class MetricsModule {
  static forRoot(metrics: MetricsService): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      providers: [{ provide: MetricsService, useValue: metrics }],
      controllers: [MetricsController],
      exports: [MetricsService],
    };
  }
}
