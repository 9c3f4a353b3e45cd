import type { IncomingMessage } from 'node:http';

/**
 * The token of `Authorization: Bearer <token>`, the scheme in any case (RFC
 * 6750), and nothing after the token (passport-jwt's own extractor would take
 * the first word after the scheme and ignore the rest); null otherwise.
 */
export function bearerToken(req: IncomingMessage): string | null {
  const [scheme, token, ...rest] = req.headers.authorization?.trim().split(/\s+/) ?? [];
  return scheme?.toLowerCase() === 'bearer' && token && rest.length === 0 ? token : null;
}
