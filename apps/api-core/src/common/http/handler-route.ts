import type { FastifyRequest } from 'fastify';

/**
 * The route pattern that handled a request, for logs and metric labels (never
 * the URL itself). Unmatched requests (the not-found handler) and wildcard
 * patterns (static files) have none.
 */
export function handlerRoute(req: FastifyRequest): string | undefined {
  const path = req.routeOptions.url;
  return path && !path.includes('*') ? path : undefined;
}
