import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiExcludeController } from '@nestjs/swagger';
import { Metrics } from './metrics';

/** Prometheus scrape endpoint, in Prometheus' text format (not the envelope). Expose it to the scraper only. */
@ApiExcludeController()
@Controller('api/metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  // Written directly, not in the envelope: scrapers expect the bare text format.
  @Get()
  async scrape(@Res() res: Response): Promise<void> {
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
