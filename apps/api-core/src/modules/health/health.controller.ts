import { ConfigService } from '@nestjs/config';
import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, PrismaHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../common/config/app-config';
import { REDIS } from '../../common/throttling/throttling.module';
import { PrismaClient } from '@creator-payouts/prisma';
import { ApiEnvelopeResponse, ApiErrorResponses, ok, type Ok } from '@creator-payouts/nestjs-stripe-connect';
import { ReadinessService } from './readiness.service';

class LivenessDto {
  @ApiProperty({ example: 'ok' }) status: string;
}

/** For orchestrators and load balancers: no auth, no throttle, outside `/api/v1`. */
@ApiTags('Health')
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly prismaHealth: PrismaHealthIndicator,
    private readonly prisma: PrismaClient,
    private readonly readiness: ReadinessService,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis | null,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiEnvelopeResponse(200, LivenessDto, 'Up.')
  live(): Ok<LivenessDto> {
    return ok({ status: 'ok' });
  }

  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Readiness: the database answers, Redis too when configured, and the process is not shutting down',
    description:
      'An unreachable Redis fails readiness only with REDIS_REQUIRED=true; otherwise it is reported ' +
      '(`limits: per-instance`) while the instance keeps serving with in-memory limits.',
  })
  @ApiEnvelopeResponse(200, LivenessDto, 'Ready to serve.')
  @ApiErrorResponses('common.service_unavailable')
  async ready(): Promise<Ok<HealthCheckResult>> {
    if (this.readiness.isDraining) throw new ServiceUnavailableException();
    return ok(
      await this.health.check([
        // As long as any query may take: a busy database is not an unready one.
        () => this.prismaHealth.pingCheck('database', this.prisma, { timeout: this.config.get('database.queryTimeoutMs', { infer: true }) }),
        ...(this.redis ? [() => this.redisCheck(this.redis!)] : []),
      ]),
    );
  }

  private async redisCheck(redis: Redis) {
    const indicator = this.indicators.check('redis');
    const reachable =
      redis.status === 'ready' &&
      (await redis.ping().then(
        () => true,
        () => false,
      ));
    if (reachable) return indicator.up({ limits: 'shared' });
    return this.config.get('redis.required', { infer: true }) ? indicator.down({ limits: 'per-instance' }) : indicator.up({ limits: 'per-instance' });
  }
}
