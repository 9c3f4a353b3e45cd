import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { MetricsService } from './metrics.service';
import { MetricsTokenGuard } from './metrics-token.guard';

/** Prometheus scrape endpoint, in Prometheus' text format (not the envelope). With METRICS_TOKEN set, for the scraper only. */
@ApiExcludeController()
@Controller('api/metrics')
@UseGuards(MetricsTokenGuard)
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  // Written directly, not in the envelope: scrapers expect the bare text format.
  @Get()
  async scrape(@Res() res: FastifyReply): Promise<void> {
    await res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
