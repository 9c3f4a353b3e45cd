import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { MetricsService } from '../metrics/metrics.service';
import { handlerRoute } from './handler-route';

/** `err`: the unexpected exception AllExceptionsFilter answered, for the request line. */
export type ObservedResponse = ServerResponse & { err?: unknown };

/** Probes every few seconds would drown the request log (they are still counted in the metrics). */
const UNLOGGED_PREFIX = '/api/health/';

/**
 * Everything done once per request when its response is over, from one `close`
 * listener and one clock reading: the request line (the only log line for a
 * request) and the HTTP metrics. A Fastify `onRequest` hook, so that it sees
 * every request (unmatched ones and those cut at their deadline too) with
 * Fastify's route pattern and client address, and costs no middleware layer.
 * The line goes to the request's logger, which carries the correlation id and
 * the fields the app assigned (`PinoLogger.assign`).
 */
export function observeRequestFinish(fastify: FastifyInstance, metrics: MetricsService): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    watchRequest(request, reply, metrics);
    done();
  });
}

/** The request line and metrics of one request, once its response is over (also for requests the router refuses before any hook). */
export function watchRequest(request: FastifyRequest, reply: FastifyReply, metrics: MetricsService): void {
  const start = performance.now();
  const res: ObservedResponse = reply.raw;
  res.once('close', () => {
    const seconds = (performance.now() - start) / 1000;
    const route = handlerRoute(request);
    // A response that never finished (the client left, or Node cut it at its deadline) is logged as aborted, not counted.
    const finished = res.writableFinished;
    if (finished) metrics.observeRequest(request.method, route, res.statusCode, seconds);
    if (!request.url.startsWith(UNLOGGED_PREFIX)) writeRequestLine(request.log as Logger, request.raw, res, { route, clientIp: request.ip, seconds, finished });
  });
}

/**
 * One JSON line: method and path (no query string, no headers, no body), status,
 * latency in ms, route pattern and client address (Fastify's `request.ip`: behind
 * TRUST_PROXY the client's). A 5xx the app caused is an error, with its stack; a
 * 502 or 503 is a dependency's failure (Stripe, the database), a warning; a 4xx is the client's, info.
 */
function writeRequestLine(
  log: Logger,
  req: IncomingMessage,
  res: ObservedResponse,
  { route, clientIp, seconds, finished }: { route?: string; clientIp: string; seconds: number; finished: boolean },
): void {
  const statusCode = cutAtDeadline(req) ? 408 : res.statusCode;
  const line = {
    req, // its method and path only (the logger's serializer)
    clientIp,
    route,
    res: { statusCode },
    ...(res.err ? { err: res.err } : {}),
    responseTime: Math.round(seconds * 1000),
  };
  const level = res.err ? 'error' : statusCode === 502 || statusCode === 503 ? 'warn' : statusCode >= 500 ? 'error' : 'info';
  log[level](line, res.err ? 'request errored' : finished ? 'request completed' : 'request aborted');
}

/**
 * A request not fully received by its deadline (REQUEST_TIMEOUT_MS): answered 408
 * and its connection closed (answerClientError), whatever status the app set afterwards.
 */
function cutAtDeadline(req: IncomingMessage): boolean {
  const error: NodeJS.ErrnoException | null = req.socket.errored;
  return error?.code === 'ERR_HTTP_REQUEST_TIMEOUT';
}
