// `npm run bench:soak`: the soak of `npm run bench` on its own (PostgreSQL, the
// stand-in as Stripe), printed, not stored. BENCH_SOAK (seconds, 300),
// BENCH_SOAK_BASELINE=1 (also V8's defaults), BENCH_CONNECTIONS (32).
import { join } from 'node:path';
import { BENCH_JWT_SECRET } from './creators.ts';
import { appEnvironment, cleanUp, freePort, onCleanUp, positiveInt, ROOT, startStandin, step, stop } from './harness.ts';
import { startPostgres } from './postgres.ts';
import { renderSoak, soakRows } from './soak.ts';

const seconds = positiveInt('BENCH_SOAK', 300);
const connections = positiveInt('BENCH_CONNECTIONS', 32);

async function main(): Promise<string> {
  const postgres = startPostgres(await freePort(), 'payouts_soak');
  onCleanUp(() => postgres.stop());
  const standin = await startStandin();
  const { app } = appEnvironment(standin.url, BENCH_JWT_SECRET);
  step("Seeding the soak's creators");
  const rows = await soakRows({
    databaseUrl: postgres.url,
    seeded: 0,
    main: join(ROOT, 'apps/api-core/dist/main.js'),
    env: app,
    seconds,
    connections,
    baseline: process.env.BENCH_SOAK_BASELINE === '1',
  });
  await stop(standin);
  return renderSoak(rows).join('\n');
}

main().then(
  (table) => {
    cleanUp();
    process.stdout.write(`\n${table}\n`);
  },
  (error: Error) => {
    cleanUp();
    process.stderr.write(`Soak failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
