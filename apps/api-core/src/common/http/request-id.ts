import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { incomingRequestId } from '@creator-payouts/nestjs-stripe-connect';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** The request's correlation id: reused from `X-Request-Id` when well formed, otherwise a new UUID; echoed back. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const id = incomingRequestId(req.headers) ?? randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
