import type { IncomingMessage } from 'node:http';

/**
 * The route pattern that handled a request, for logs and metric labels (never
 * the URL itself). Wildcard patterns belong to middleware or the not-found
 * handler, not to a route.
 */
export function handlerRoute(req: IncomingMessage & { route?: { path?: string } }): string | undefined {
  const path = req.route?.path;
  return path && !path.includes('*') ? path : undefined;
}
