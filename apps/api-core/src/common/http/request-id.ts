import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { incomingRequestId } from '@creator-payouts/nestjs-stripe-connect';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * The request's correlation id: reused from `X-Request-Id` when well formed,
 * otherwise a new UUID; fixed on the request on first use. Fastify's `genReqId`
 * asks first, so `request.id`, the request's logger and the envelope agree.
 */
export function correlationIdOf(req: IncomingMessage & { id?: unknown }): string {
  if (typeof req.id === 'string') return req.id;
  const id = incomingRequestId(req.headers) ?? randomUUID();
  req.id = id;
  return id;
}

/** Every answer carries its request's correlation id in `X-Request-Id`. */
export function echoCorrelationId(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
}
