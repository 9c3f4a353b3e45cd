// `npm run bench`: the dashboard-link endpoint against its upstream ceiling, a
// framework-free floor and a textbook NestJS peer (bench/peer) on Express and on Fastify, in one run on
// this machine; then start-up time, rate-limit memory per user, the lookup
// with 1,000,000 creators, and the soak (RSS over 5 minutes of load).
// Everything listens on 127.0.0.1; every load is bounded in time.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { mintTokens, profileLookup, seedCreators, BENCH_JWT_SECRET } from './creators.ts';
import {
  answers200,
  appEnvironment,
  appNodeFlags,
  cleanUp,
  elapsedSeconds,
  freePort,
  nonNegativeInt,
  onCleanUp,
  positiveInt,
  ROOT,
  round,
  ROUTE,
  type Server,
  STANDIN_CLI,
  startProcess,
  step,
  stop,
  STRIPE_KEY,
  withDatabase,
  work,
} from './harness.ts';
import { combineRounds, type LoadCursor, mostCallsPerUser, newCursor, runLoad, type LoadResult } from './load.ts';
import { startPostgres } from './postgres.ts';
import { renderMarkdown, type BenchReport, type Row } from './report.ts';
import { soakRows } from './soak.ts';

const APP_MAIN = join(ROOT, 'apps/api-core/dist/main.js');
/** The app as users start it: with the node flags of its start scripts. */
const APP = [...appNodeFlags(), APP_MAIN];
const FLOOR = join(ROOT, 'bench/floor-server.ts');
/** The textbook peer, compiled by bench's build script (`npm run build`): on Express, and on Fastify. */
const PEER_MAIN = join(ROOT, 'bench/peer/dist/main.js');
const FASTIFY_PEER_MAIN = join(ROOT, 'bench/peer/dist/main-fastify.js');

const settings = {
  creators: positiveInt('BENCH_CREATORS', 10_000),
  largeTableCreators: positiveInt('BENCH_LARGE_TABLE', 1_000_000),
  connections: positiveInt('BENCH_CONNECTIONS', 32),
  durationSeconds: positiveInt('BENCH_DURATION', 10),
  rounds: positiveInt('BENCH_ROUNDS', 2),
  // A server at full load keeps getting faster for its first 10 to 20 s (V8's tiers, pools, caches): a 3 s warm-up measured that, not the server.
  warmupSeconds: positiveInt('BENCH_WARMUP', 10),
  startupRuns: positiveInt('BENCH_STARTUP_RUNS', 3),
  /** Seconds of the soak (0: none). */
  soakSeconds: nonNegativeInt('BENCH_SOAK', 300),
  /** Also soak the app on V8's defaults, without its start scripts' flags. */
  soakBaseline: process.env.BENCH_SOAK_BASELINE === '1',
};
const label = (process.env.BENCH_LABEL ?? '').replace(/[^\w.-]/g, '');

async function main(): Promise<BenchReport> {
  const postgresPort = await freePort();
  step(`PostgreSQL on 127.0.0.1:${postgresPort}`);
  const postgres = startPostgres(postgresPort, 'payouts_bench');
  onCleanUp(() => postgres.stop());
  const databaseUrl = postgres.url;

  step(`Seeding ${settings.creators.toLocaleString('en')} creators`);
  const creatorNumbers = Array.from({ length: settings.creators }, (_, i) => i + 1);
  const lookupSample = creatorNumbers.filter((n) => n % 25 === 0);
  const seededLookup = await withDatabase({ url: databaseUrl }, async (database) => {
    await seedCreators(database, 1, settings.creators);
    return profileLookup(database, lookupSample);
  });
  const authorizations = mintTokens(creatorNumbers).map((token) => `Bearer ${token}`);
  const appRequests = authorizations.map((authorization) => ({ path: ROUTE, authorization }));
  const dashboardLinkWorks = answers200(ROUTE, authorizations[0]);

  const upstreamRequests = creatorNumbers.map((n) => ({ path: `/v1/accounts/acct_bench${n}/login_links`, authorization: `Bearer ${STRIPE_KEY}` }));
  const standinUp = answers200(upstreamRequests[0].path, upstreamRequests[0].authorization);
  const standin = await startProcess('stand-in', [STANDIN_CLI], {}, standinUp, 'STRIPE_MOCK_PORT');
  const { stripe: stripeEnv, app: appEnv } = appEnvironment(standin.url, BENCH_JWT_SECRET);
  const rows: Row[] = [];

  // 1. Upstream ceiling: the stand-in's login-link route, called directly, for the same accounts.
  step('Upstream ceiling: the stripe-mock stand-in called directly');
  rows.push({ name: 'upstream ceiling (stand-in directly)', kind: 'ceiling', ...(await measure(standin, upstreamRequests)) });

  // 2 to 5. The floor (the same work with no framework), the textbook peer
  // (the same endpoint as the NestJS docs teach it) on Express and on Fastify,
  // and the app, all on PostgreSQL, measured in turns (round r: floor, peers,
  // app), so a change in the machine's speed during the run hits all alike.
  step(
    `Floor (node:http), textbook peers (bench/peer: Express, Fastify) and app (NODE_ENV=production) on PostgreSQL, ${settings.rounds} rounds each, in turns`,
  );
  const floor = await startProcess('floor', [FLOOR], { ...stripeEnv, DATABASE_URL: databaseUrl, JWT_SECRET: BENCH_JWT_SECRET }, dashboardLinkWorks);
  // The peer reads what the floor reads, and takes Stripe's defaults for the rest.
  const peerEnv = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: BENCH_JWT_SECRET,
    STRIPE_SECRET_KEY: stripeEnv.STRIPE_SECRET_KEY,
    STRIPE_API_BASE: stripeEnv.STRIPE_API_BASE,
  };
  const peer = await startProcess('peer', [PEER_MAIN], peerEnv, dashboardLinkWorks);
  const fastifyPeer = await startProcess('peer-fastify', [FASTIFY_PEER_MAIN], peerEnv, dashboardLinkWorks);
  const app = await startProcess('app-postgresql', APP, { ...appEnv, DATABASE_URL: databaseUrl }, dashboardLinkWorks);
  const turns = [
    { server: floor, name: 'floor', rounds: [] as LoadResult[], cursor: newCursor() },
    { server: peer, name: 'peer (Express)', rounds: [] as LoadResult[], cursor: newCursor() },
    { server: fastifyPeer, name: 'peer (Fastify)', rounds: [] as LoadResult[], cursor: newCursor() },
    { server: app, name: 'app', rounds: [] as LoadResult[], cursor: newCursor() },
  ];
  for (let round = 1; round <= settings.rounds; round += 1) {
    for (const turn of turns) {
      step(`  round ${round}: ${turn.name}`);
      // Each load goes on through the creators where the last one on that server stopped: peer and app limit each to 10 an hour.
      turn.rounds.push(await measure(turn.server, appRequests, round === 1, turn.cursor));
    }
  }
  await Promise.all(turns.map((turn) => stop(turn.server)));
  // The most requests one creator got from each server's loads (plus the one that checked it was up): under 11, no 429.
  const callsPerCreator = (cursor: LoadCursor) => mostCallsPerUser(cursor, appRequests.length, settings.connections) + 1;
  const [floorTurn, peerTurn, fastifyPeerTurn, appTurn] = turns;
  step(
    `  most calls for one creator: Express peer ${callsPerCreator(peerTurn.cursor)}, Fastify peer ${callsPerCreator(fastifyPeerTurn.cursor)}, ` +
      `app ${callsPerCreator(appTurn.cursor)} (their limit is 10 per hour; the floor has none)`,
  );
  rows.push({ name: 'floor (node:http, pg, Stripe SDK; PostgreSQL)', kind: 'floor', ...combineRounds(floorTurn.rounds), rounds: floorTurn.rounds });
  rows.push({
    name: 'textbook peer (NestJS docs: passport-jwt, ThrottlerGuard, PrismaService, interceptor; PostgreSQL)',
    kind: 'peer',
    ...combineRounds(peerTurn.rounds),
    mostCallsPerCreator: callsPerCreator(peerTurn.cursor),
    rounds: peerTurn.rounds,
  });
  rows.push({
    name: 'textbook peer on Fastify (the same code, FastifyAdapter as the NestJS docs set it up; PostgreSQL)',
    kind: 'fastify-peer',
    ...combineRounds(fastifyPeerTurn.rounds),
    mostCallsPerCreator: callsPerCreator(fastifyPeerTurn.cursor),
    rounds: fastifyPeerTurn.rounds,
  });
  rows.push({
    name: 'app (PostgreSQL)',
    kind: 'app',
    ...combineRounds(appTurn.rounds),
    mostCallsPerCreator: callsPerCreator(appTurn.cursor),
    rounds: appTurn.rounds,
  });

  step('App on the embedded database (PGlite)');
  const pgliteDir = join(work, 'pglite');
  await withDatabase({ pgliteDataDir: pgliteDir }, (database) => seedCreators(database, 1, settings.creators));
  const embedded = await startProcess('app-pglite', APP, { ...appEnv, PGLITE_DATA_DIR: pgliteDir }, dashboardLinkWorks);
  rows.push({ name: 'app (embedded PGlite)', kind: 'app', ...(await measure(embedded, appRequests)) });
  await stop(embedded);

  // Start-up to the first 200 of dashboard-link, database already migrated.
  step(`Start-up to first 200 (${settings.startupRuns} runs each)`);
  const startup = {
    postgresqlMs: await medianStartup(() => startProcess('startup', APP, { ...appEnv, DATABASE_URL: databaseUrl }, dashboardLinkWorks)),
    peerMs: await medianStartup(() => startProcess('startup-peer', [PEER_MAIN], peerEnv, dashboardLinkWorks)),
    fastifyPeerMs: await medianStartup(() => startProcess('startup-peer-fastify', [FASTIFY_PEER_MAIN], peerEnv, dashboardLinkWorks)),
    embeddedMs: await medianStartup(() => startProcess('startup', APP, { ...appEnv, PGLITE_DATA_DIR: pgliteDir }, dashboardLinkWorks)),
    // A new data directory holds no creator yet: up when readiness answers 200. PGlite creates its cluster first.
    embeddedNewDataDirMs: await medianStartup(
      (run) => startProcess('startup', APP, { ...appEnv, PGLITE_DATA_DIR: join(work, `pglite-new-${run}`) }, answers200('/api/health/ready', '', 'GET')),
      1,
    ),
  };

  step('Rate-limit memory per distinct user (in-memory storage)');
  const throttleMemory = [10_000, 100_000].map(
    (users) =>
      JSON.parse(
        execFileSync(process.execPath, ['--expose-gc', join(ROOT, 'bench/throttle-memory.ts'), String(users)], { encoding: 'utf8' }),
      ) as BenchReport['throttleMemory'][number],
  );

  // The lookup must stay flat as the table grows: same load, creators spread over 1,000,000 rows.
  const large = settings.largeTableCreators;
  step(`Growing the table to ${large.toLocaleString('en')} creators`);
  const seedStarted = performance.now();
  const spread = Array.from({ length: settings.creators }, (_, i) => 1 + Math.floor((i * large) / settings.creators));
  const largeLookup = await withDatabase({ url: databaseUrl }, async (database) => {
    await seedCreators(database, settings.creators + 1, large);
    return profileLookup(
      database,
      spread.filter((_, i) => i % 25 === 0),
    );
  });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const spreadRequests = mintTokens(spread).map((token) => ({ path: ROUTE, authorization: `Bearer ${token}` }));
  step(`App on PostgreSQL with ${large.toLocaleString('en')} creators`);
  const bigApp = await startProcess('app-large-table', APP, { ...appEnv, DATABASE_URL: databaseUrl }, answers200(ROUTE, spreadRequests[0].authorization));
  const largeTableRow = await measure(bigApp, spreadRequests);
  await stop(bigApp);

  // The soak: memory of one instance under minutes of steady load (issue 21, item 6).
  const soak = settings.soakSeconds
    ? await soakRows({
        databaseUrl,
        seeded: Math.max(large, settings.creators),
        main: APP_MAIN,
        env: appEnv,
        seconds: settings.soakSeconds,
        connections: settings.connections,
        baseline: settings.soakBaseline,
      })
    : [];
  const appPostgres = rows.find((row) => row.name === 'app (PostgreSQL)')!;

  await stop(standin);
  const floorRow = rows.find((row) => row.kind === 'floor')!;
  const peerRow = rows.find((row) => row.kind === 'peer')!;
  const fastifyPeerRow = rows.find((row) => row.kind === 'fastify-peer')!;
  return {
    date: new Date().toISOString(),
    label: label || undefined,
    environment: {
      node: process.version,
      postgresql: postgres.version,
      cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    },
    settings,
    throughputRatio: round(appPostgres.requestsPerSecond / floorRow.requestsPerSecond, 3),
    p99Ratio: round(appPostgres.latencyMs.p99 / floorRow.latencyMs.p99, 3),
    peerThroughputRatio: round(appPostgres.requestsPerSecond / peerRow.requestsPerSecond, 3),
    peerP99Ratio: round(appPostgres.latencyMs.p99 / peerRow.latencyMs.p99, 3),
    peerRssRatio: round(appPostgres.peakRssMb / peerRow.peakRssMb, 3),
    fastifyPeerThroughputRatio: round(appPostgres.requestsPerSecond / fastifyPeerRow.requestsPerSecond, 3),
    fastifyPeerP99Ratio: round(appPostgres.latencyMs.p99 / fastifyPeerRow.latencyMs.p99, 3),
    fastifyPeerRssRatio: round(appPostgres.peakRssMb / fastifyPeerRow.peakRssMb, 3),
    rows,
    startup,
    throttleMemory,
    largeTable: {
      creators: large,
      seedSeconds: round(seedSeconds, 1),
      lookupPlan: largeLookup.plan,
      lookupMedianMs: largeLookup.medianExecutionMs,
      lookupMedianMsWithSeeded: seededLookup.medianExecutionMs,
      p50Ms: largeTableRow.latencyMs.p50,
      p50MsWithSeeded: appPostgres.latencyMs.p50,
      row: largeTableRow,
    },
    soakRss30sMb: soak[0]?.rss30sMb ?? null,
    soakRss5minMb: soak[0]?.rss5minMb ?? null,
    soak,
    elapsedSeconds: elapsedSeconds(),
  };
}

async function measure(server: Server, requests: { path: string; authorization: string }[], warmUp = true, cursor?: LoadCursor): Promise<LoadResult> {
  const load = { url: server.url, requests, connections: settings.connections, pid: server.child.pid!, cursor };
  if (warmUp) await runLoad({ ...load, durationSeconds: settings.warmupSeconds });
  const result = await runLoad({ ...load, durationSeconds: settings.durationSeconds });
  step(
    `  ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, ` +
      `${result.errors} errors, ${result.rateLimited} × 429, peak RSS ${Math.round(result.peakRssMb)} MB, ${result.cpuMsPerRequest.toFixed(2)} ms CPU per request`,
  );
  return result;
}

async function medianStartup(start: (run: number) => Promise<Server>, runs = settings.startupRuns): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const server = await start(run);
    times.push(server.startupMs);
    await stop(server);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

main().then(
  (report) => {
    cleanUp();
    const markdown = renderMarkdown(report);
    const resultsDir = join(ROOT, 'bench/results');
    mkdirSync(resultsDir, { recursive: true });
    const base = join(resultsDir, report.date.slice(0, 10) + (report.label ? `-${report.label}` : ''));
    writeFileSync(`${base}.md`, markdown);
    writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`\n${markdown}\nWritten to ${base}.md and ${base}.json (${report.elapsedSeconds} s)\n`);
  },
  (error: Error) => {
    cleanUp();
    process.stderr.write(`Benchmark failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
