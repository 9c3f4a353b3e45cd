import './compile-cache';
import { seedDemoCreators, PrismaClient } from '@creator-payouts/prisma';
import type { AddressInfo } from 'node:net';
import { Logger } from 'nestjs-pino';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './common/config/app-config';
import { prepareLocalMode, restoreStandInAccounts, servesLocalPages } from './local/local-mode';
import { Readiness } from './modules/health/readiness';

/** After the in-flight deadline, how long closing the database and Redis may take before the process exits regardless. */
const HUNG_CLOSE_GRACE_MS = 5_000;

async function bootstrap(): Promise<void> {
  const { config, warnings, stripeMock } = await prepareLocalMode(loadConfig());
  const app = await createApp(config);
  const logger = app.get(Logger);
  if (config.localMode) {
    for (const warning of warnings) logger.warn(warning, 'LocalMode');
    if (!servesLocalPages(config)) logger.warn('The demo sign-in and the web app are not served: they need a loopback HOST and HS256 tokens.', 'LocalMode');
    const created = await seedDemoCreators(app.get(PrismaClient));
    if (created > 0) logger.log(`Local mode: seeded ${created} demo user(s)`, 'LocalMode');
    if (stripeMock) await restoreStandInAccounts(app.get(PrismaClient), stripeMock);
  }
  await app.listen(config.port, config.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  logger.log(`Listening on http://${config.host}:${port}/api/v1 (${config.env}); OpenAPI at /api/docs`, 'Bootstrap');
  if (servesLocalPages(config)) logger.log(`Local mode: sign in as a demo creator and walk the journey at http://${config.host}:${port}/`, 'LocalMode');

  // Graceful shutdown: readiness turns 503 at once while the server keeps
  // serving for SHUTDOWN_DRAIN_MS (the load balancer takes it out meanwhile);
  // then it stops accepting, in-flight requests finish (at most
  // SHUTDOWN_TIMEOUT_MS, then their connections are cut), the database closes,
  // and the process exits 0; should closing hang, it exits anyway.
  const shutdown = async (signal: NodeJS.Signals) => {
    app.get(Readiness).startDraining();
    logger.log(`${signal} received: readiness 503, serving on for ${config.shutdownDrainMs} ms`, 'Bootstrap');
    await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
    logger.log('Draining done: no new connections; finishing in-flight requests', 'Bootstrap');
    const server = app.getHttpServer();
    const deadline = setTimeout(() => {
      logger.warn(`Requests still running after ${config.shutdownTimeoutMs} ms: closing their connections`, 'Bootstrap');
      server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    setTimeout(() => {
      logger.error(`Closing still not done ${HUNG_CLOSE_GRACE_MS} ms after the deadline: exiting anyway`, 'Bootstrap');
      process.exit(1);
    }, config.shutdownTimeoutMs + HUNG_CLOSE_GRACE_MS).unref();
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
