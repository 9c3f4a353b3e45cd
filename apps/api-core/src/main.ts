import './compile-cache';
import { ConfigError, loadConfig } from './common/config/app-config';
import { runEntry, serve } from './server';

/**
 * The production entry (`npm run start:prod`, the Docker image). Local mode
 * (dev secrets, demo data, the Stripe stand-in) is not in this build: it is
 * the dev entry's (apps/api-core/dev, `npm start`), so a configuration that
 * would be local mode stops here instead of running without its keys.
 */
const NO_LOCAL_MODE =
  'Local mode (DATABASE_URL unset, NODE_ENV unset or development) is not part of the production build: run `npm start` for it, ' +
  'or configure a deployment: NODE_ENV=production or DATABASE_URL, with JWT_SECRET or JWT_PUBLIC_KEY (docs/configuration.md).';

runEntry(async () => {
  const config = loadConfig();
  if (config.localMode) throw new ConfigError(NO_LOCAL_MODE);
  await serve(config);
});
