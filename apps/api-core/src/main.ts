import './compile-cache';
import { seedDemoCreators, PrismaClient } from '@creator-payouts/prisma';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  const { port } = app.getHttpServer().address() as AddressInfo;
  logger.log(`Listening on http://${config.host}:${port}/api/v1 (${config.env}); OpenAPI at /api/docs`, 'Bootstrap');

  // Graceful shutdown: readiness turns false, in-flight requests finish (at most
  // SHUTDOWN_TIMEOUT_MS, then their connections are cut), then the database
  // closes, and the process exits 0.
  const shutdown = async (signal: NodeJS.Signals) => {
    logger.log(`${signal} received: finishing in-flight requests`, 'Bootstrap');
    const server = app.getHttpServer() as Server;
    const deadline = setTimeout(() => {
      logger.warn(`Requests still running after ${config.shutdownTimeoutMs} ms: closing their connections`, 'Bootstrap');
      server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    await app.close();
    clearTimeout(deadline);
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}

bootstrap().catch((error: Error) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `Start-up failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
