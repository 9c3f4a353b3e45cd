import { resolve } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';

/** The typed client's types, checked in (`npm run api-client:generate` writes them; a test fails when they drift). */
export const API_CLIENT_SCHEMA = resolve(__dirname, '..', '..', '..', '..', '..', 'packages', 'api-client', 'src', 'schema.ts');

const HEADER = "// Generated from the API's OpenAPI document by `npm run api-client:generate` (openapi-typescript). Do not edit.\n\n";

/** The TypeScript openapi-typescript makes of the document: `paths` and `components` for openapi-fetch. */
export async function apiClientSchema(document: OpenAPIObject): Promise<string> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  // A JSON round trip: the document as a client fetches it (no undefined values, no class instances).
  const ast = await openapiTS(JSON.parse(JSON.stringify(document)) as Parameters<typeof openapiTS>[0]);
  return HEADER + astToString(ast);
}
