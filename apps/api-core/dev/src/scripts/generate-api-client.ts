// `npm run api-client:generate`: writes the typed client's types
// (packages/api-client/src/schema.ts) from the API's OpenAPI document, built
// by the app itself (no server, no network).
import { writeFileSync } from 'node:fs';
import { createApp, openApiDocument } from '@creator-payouts/api-core/app.factory';
import { loadConfig } from '@creator-payouts/api-core/common/config/app-config';
import { API_CLIENT_SCHEMA, apiClientSchema } from './api-client-schema';

async function main(): Promise<void> {
  // Any valid configuration gives the same document; this one needs no server, database or Stripe.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'x'.repeat(32), PGLITE_DATA_DIR: 'memory://' });
  const app = await createApp(config);
  try {
    writeFileSync(API_CLIENT_SCHEMA, await apiClientSchema(openApiDocument(app)));
  } finally {
    await app.close();
  }
  process.stdout.write(`wrote ${API_CLIENT_SCHEMA}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
