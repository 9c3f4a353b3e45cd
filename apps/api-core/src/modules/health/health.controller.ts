import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, PrismaHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { PrismaClient } from '@creator-payouts/prisma';
import { ApiEnvelopeResponse, ApiErrorResponses } from '../../common/http/api-response';
import { Readiness } from './readiness';

export const HEALTH_ROUTES = ['api/health/live', 'api/health/ready'];

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
    private readonly readiness: Readiness,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiEnvelopeResponse(200, LivenessDto, 'Up.')
  live(): LivenessDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness: the database answers and the process is not shutting down' })
  @ApiEnvelopeResponse(200, LivenessDto, 'Ready to serve.')
  @ApiErrorResponses('common.service_unavailable')
  ready(): Promise<HealthCheckResult> {
    if (this.readiness.isDraining) throw new ServiceUnavailableException();
    return this.health.check([() => this.prismaHealth.pingCheck('database', this.prisma, { timeout: 1_000 })]);
  }
}
