import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { createApp } from './app.factory';
import type { AppExtensions } from './app.module';
import { type AppConfig, ConfigError } from './common/config/app-config';
import { ReadinessService } from './modules/health/readiness.service';

/** After the in-flight deadline, how long closing the database and Redis may take before the process exits regardless. */
const HUNG_CLOSE_GRACE_MS = 5_000;

/** What an entry adds around the shared start-up: the dev entry's local mode (apps/api-core/dev); production adds nothing. */
export interface ServeOptions {
  extensions?: AppExtensions;
  /** Once the app is built, before it listens. */
  beforeListen?(app: NestFastifyApplication): Promise<void>;
  /** Once it listens, with the port it got. */
  afterListen?(app: NestFastifyApplication, port: number): void;
}

/** The start-up both entries share: build the app, listen, and shut down gracefully on SIGTERM/SIGINT. */
export async function serve(config: AppConfig, options: ServeOptions = {}): Promise<NestFastifyApplication> {
  const app = await createApp(config, undefined, options.extensions);
  const logger = app.get(Logger);
  await options.beforeListen?.(app);
  await app.listen(config.port, config.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  logger.log(`Listening on http://${config.host}:${port}/api/v1 (${config.env}); OpenAPI at /api/docs`, 'Bootstrap');
  options.afterListen?.(app, port);

  // Graceful shutdown: readiness turns 503 at once while the server keeps
  // serving for SHUTDOWN_DRAIN_MS (the load balancer takes it out meanwhile);
  // then it stops accepting, in-flight requests finish (at most
  // SHUTDOWN_TIMEOUT_MS, then their connections are cut), the database closes,
  // and the process exits 0; should closing hang, it exits anyway.
  const shutdown = async (signal: NodeJS.Signals) => {
    app.get(ReadinessService).startDraining();
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
  return app;
}

/** Runs an entry's start-up; a configuration error is the user's to fix: its message alone, then exit 1. */
export function runEntry(start: () => Promise<unknown>): void {
  start().catch((error: Error) => {
    process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `Start-up failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  });
}
