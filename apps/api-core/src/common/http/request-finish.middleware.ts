import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { performance } from 'node:perf_hooks';
import { MetricsService } from '../metrics/metrics.service';
import { handlerRoute } from './handler-route';

/** pino-http's per-request logger (correlation id, and what `PinoLogger.assign` added); `err`: set by AllExceptionsFilter. */
type ObservedResponse = Response & { log?: Logger; err?: unknown };

/** Probes every few seconds would drown the request log (they are still counted in the metrics). */
const UNLOGGED_PREFIX = '/api/health/';

/**
 * Everything done once per request when its response is over, from one `close`
 * listener and one clock reading: the request line (the only log line for a
 * request) and the HTTP metrics. Runs after pino-http, whose per-request logger
 * carries the correlation id and the fields the app assigned.
 */
@Injectable()
export class RequestFinishMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: ObservedResponse, next: () => void): void {
    const start = performance.now();
    res.once('close', () => {
      const seconds = (performance.now() - start) / 1000;
      const route = handlerRoute(req);
      // A response that never finished (the client left, or Node cut it at its deadline) is logged as aborted, not counted.
      const finished = res.writableFinished;
      if (finished) this.metrics.observeRequest(req.method, route, res.statusCode, seconds);
      if (res.log && !req.originalUrl.startsWith(UNLOGGED_PREFIX)) writeRequestLine(res.log, req, res, { route, seconds, finished });
    });
    next();
  }
}

/**
 * One JSON line: method and path (no query string, no headers, no body), status,
 * latency in ms, route pattern and client address (`req.ip`: behind TRUST_PROXY
 * the client's). A 5xx the app caused is an error, with its stack; a 502 or 503
 * is a dependency's failure (Stripe, the database), a warning; a 4xx is the client's, info.
 */
function writeRequestLine(
  log: Logger,
  req: Request,
  res: ObservedResponse,
  { route, seconds, finished }: { route?: string; seconds: number; finished: boolean },
): void {
  const statusCode = cutAtDeadline(req) ? 408 : res.statusCode;
  const line = {
    req, // its method and path only (the logger's serializer)
    clientIp: req.ip,
    route,
    res: { statusCode },
    ...(res.err ? { err: res.err } : {}),
    responseTime: Math.round(seconds * 1000),
  };
  const level = res.err ? 'error' : statusCode === 502 || statusCode === 503 ? 'warn' : statusCode >= 500 ? 'error' : 'info';
  log[level](line, res.err ? 'request errored' : finished ? 'request completed' : 'request aborted');
}

/**
 * A request not fully received by its deadline (REQUEST_TIMEOUT_MS): Node itself
 * answered 408 and closed the connection, whatever status the app set afterwards.
 */
function cutAtDeadline(req: Request): boolean {
  const error: NodeJS.ErrnoException | null = req.socket.errored;
  return error?.code === 'ERR_HTTP_REQUEST_TIMEOUT';
}
