import { seedDemoCreators, PrismaClient } from '@creator-payouts/prisma';
import { Logger } from 'nestjs-pino';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './common/config/app-config';
import { prepareLocalMode } from './local/local-mode';

async function bootstrap(): Promise<void> {
  const { config, warnings } = await prepareLocalMode(loadConfig());
  const app = await createApp(config);
  const logger = app.get(Logger);
  if (config.localMode) {
    for (const warning of warnings) logger.warn(warning, 'LocalMode');
    const created = await seedDemoCreators(app.get(PrismaClient));
    if (created > 0) logger.log(`Local mode: seeded ${created} demo user(s)`, 'LocalMode');
  }
  await app.listen(config.port, config.host);
  logger.log(`Listening on http://${config.host}:${config.port}/api/v1 (${config.env}); OpenAPI at /api/docs`, 'Bootstrap');
}

bootstrap().catch((error: Error) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `Start-up failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
