import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config';
import { AppException } from '../errors/app.exception';
import { bearerToken } from '../http/bearer-token';

/**
 * With `METRICS_TOKEN` set, the scrape endpoint needs `Authorization: Bearer
 * <METRICS_TOKEN>`; anything else is the usual 401. Unset, it is open (local
 * mode, or a deployment that keeps the endpoint off the public network).
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  // Digests, so the comparison takes the same time whatever the length of the guess.
  private readonly expected: Buffer | undefined;

  constructor(config: ConfigService<AppConfig, true>) {
    const { token } = config.get('metrics', { infer: true });
    this.expected = token === undefined ? undefined : digest(token);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) return true;
    const presented = bearerToken(context.switchToHttp().getRequest<FastifyRequest>().raw);
    if (presented !== null && timingSafeEqual(digest(presented), this.expected)) return true;
    throw new AppException('auth.unauthorized');
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
