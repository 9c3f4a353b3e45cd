import '@creator-payouts/api-core/compile-cache';
import { PrismaClient } from '@creator-payouts/prisma';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '@creator-payouts/api-core/common/config/app-config';
import { runEntry, serve } from '@creator-payouts/api-core/server';
import { seedDemoCreators } from './demo-creators';
import { prepareLocalMode, restoreStandInAccounts, servesLocalPages } from './local-mode';
import { localModeExtensions } from './local-web.module';

/**
 * The dev entry (`npm start`): the production start-up (`serve`) plus local
 * mode when the configuration is local (README, Quick start); with
 * DATABASE_URL set, or NODE_ENV production or test, it runs exactly what the
 * production entry runs.
 */
runEntry(async () => {
  const { config, warnings, stripeMock } = await prepareLocalMode(loadConfig());
  await serve(config, {
    extensions: localModeExtensions(config),
    async beforeListen(app) {
      if (!config.localMode) return;
      const logger = app.get(Logger);
      for (const warning of warnings) logger.warn(warning, 'LocalMode');
      if (!servesLocalPages(config)) logger.warn('The demo sign-in and the web app are not served: they need a loopback HOST and HS256 tokens.', 'LocalMode');
      const created = await seedDemoCreators(app.get(PrismaClient));
      if (created > 0) logger.log(`Local mode: seeded ${created} demo user(s)`, 'LocalMode');
      if (stripeMock) await restoreStandInAccounts(app.get(PrismaClient), stripeMock);
    },
    afterListen(app, port) {
      if (servesLocalPages(config))
        app.get(Logger).log(`Local mode: sign in as a demo creator and walk the journey at http://${config.host}:${port}/`, 'LocalMode');
    },
  });
});
