// `npm run bench:compare -- <other checkout>`: this checkout's app against
// another build of it (e.g. `git worktree add ../base main`, then `npm install`
// and `npm run build` there), side by side. Both get the same fixed rate of
// dashboard-link requests at the same time, round after round, so a change in
// the machine's speed hits both alike; the figure compared is the CPU time
// each process spends per request. This machine's speed drifts by up to 20%
// within a minute, which hides a 5% change between runs made one after the other.
// Each app runs with the node flags of its own checkout's `start:prod`, so a
// change of those flags is compared too.
// BENCH_SATURATE=1 measures what the bench's targets are about instead: each
// app alone at full load, in turns (which goes first alternates by round),
// with throughput compared beside the CPU time.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BENCH_JWT_SECRET, mintTokens, seedCreators } from './creators.ts';
import {
  answers200,
  appEnvironment,
  appNodeFlags,
  cleanUp,
  freePort,
  onCleanUp,
  positiveInt,
  ROOT,
  ROUTE,
  type Server,
  startProcess,
  startStandin,
  step,
  stop,
  withDatabase,
} from './harness.ts';
import { newCursor, runLoad, type LoadOptions, type LoadResult } from './load.ts';

type LoadRequest = LoadOptions['requests'][number];
import { startPostgres } from './postgres.ts';

const other = process.argv[2] ? resolve(process.argv[2]) : '';
const saturate = process.env.BENCH_SATURATE === '1';
const settings = {
  rounds: positiveInt('BENCH_ROUNDS', 8),
  durationSeconds: positiveInt('BENCH_DURATION', 5),
  requestsPerSecond: positiveInt('BENCH_RATE', 250),
  connections: positiveInt('BENCH_CONNECTIONS', saturate ? 32 : 16),
};
/** At full load, seeded for this rate (above either app's): no creator gets more than 5 calls from either app. */
const SATURATED_RATE = 2_000;
/** A server at full load keeps getting faster for its first 10 to 20 seconds (V8's tiers, pools, caches). */
const SATURATED_WARMUP_SECONDS = 15;

async function main(): Promise<void> {
  const builds = [
    { name: 'other', root: other, main: join(other, 'apps/api-core/dist/main.js') },
    { name: 'this', root: ROOT, main: join(ROOT, 'apps/api-core/dist/main.js') },
  ];
  for (const build of builds) if (!existsSync(build.main)) throw new Error(`${build.main} is missing: build that checkout first`);

  const postgres = startPostgres(await freePort(), 'payouts_compare');
  onCleanUp(() => postgres.stop());
  // Enough creators that none reaches the limit of 10 per hour in either app.
  const perRun = settings.requestsPerSecond * settings.durationSeconds;
  const creators = Math.ceil(
    (saturate ? (SATURATED_WARMUP_SECONDS + settings.rounds * settings.durationSeconds) * SATURATED_RATE : (settings.rounds + 1) * perRun) / 5,
  );
  step(`Seeding ${creators.toLocaleString('en')} creators`);
  await withDatabase({ url: postgres.url }, (database) => seedCreators(database, 1, creators));
  const requests = mintTokens(Array.from({ length: creators }, (_, i) => i + 1)).map((token) => ({ path: ROUTE, authorization: `Bearer ${token}` }));

  const standin = await startStandin();
  const { app } = appEnvironment(standin.url, BENCH_JWT_SECRET);
  const servers = await Promise.all(
    builds.map((build) =>
      startProcess(
        `app-${build.name}`,
        [...appNodeFlags(build.root), build.main],
        { ...app, DATABASE_URL: postgres.url },
        answers200(ROUTE, requests[0].authorization),
      ),
    ),
  );

  const results = saturate ? await inTurns(servers, requests) : await sideBySide(servers, requests, perRun);
  await Promise.all([...servers, standin].map(stop));

  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  const cpu = results.map((rounds) => rounds.map((r) => r.cpuMsPerRequest));
  const throughput = results.map((rounds) => median(rounds.map((r) => r.requestsPerSecond)));
  const lines = [
    `| | CPU ms per request (median) | per round | req/s (median) | p99 ms (median) | Peak RSS MB | Errors |`,
    `|---|---:|---|---:|---:|---:|---:|`,
    ...builds.map(
      (build, i) =>
        `| ${build.name} (${i === 0 ? other : ROOT}) | ${median(cpu[i]).toFixed(3)} | ${cpu[i].map((v) => v.toFixed(2)).join(' ')} | ${Math.round(throughput[i])} | ` +
        `${median(results[i].map((r) => r.latencyMs.p99))} | ${Math.round(Math.max(...results[i].map((r) => r.peakRssMb)))} | ` +
        `${results[i].reduce((sum, r) => sum + r.errors + r.rateLimited, 0)} |`,
    ),
  ];
  const lowerRounds = cpu[1].filter((value, i) => value < cpu[0][i]).length;
  const percent = (to: number, from: number) => `${to >= from ? '+' : ''}${(((to - from) / from) * 100).toFixed(1)}%`;
  process.stdout.write(
    `\n${lines.join('\n')}\n\nthis vs other: ${percent(median(cpu[1]), median(cpu[0]))} CPU per request; lower in ${lowerRounds} of ${settings.rounds} rounds` +
      (saturate ? `; ${percent(throughput[1], throughput[0])} req/s.\n` : '.\n'),
  );
}

/** Both apps at the same fixed rate at the same time, round after round; the creators are taken in turn: none is called more than 5 times by either app. */
async function sideBySide(servers: Server[], requests: LoadRequest[], perRun: number): Promise<LoadResult[][]> {
  const creators = requests.length;
  const results: LoadResult[][] = servers.map(() => []);
  for (let round = 0; round <= settings.rounds; round += 1) {
    step(round === 0 ? 'Warm-up' : `Round ${round} of ${settings.rounds}: ${settings.requestsPerSecond} req/s to each, at the same time`);
    const slice = Array.from({ length: perRun }, (_, k) => requests[(round * perRun + k) % creators]);
    // The load that starts first has a small edge: which one that is alternates by round.
    const order = round % 2 ? [1, 0] : [0, 1];
    const loads = await Promise.all(
      order.map((i) =>
        runLoad({
          url: servers[i].url,
          requests: slice,
          connections: settings.connections,
          durationSeconds: round === 0 ? 3 : settings.durationSeconds,
          pid: servers[i].child.pid!,
          requestsPerSecond: settings.requestsPerSecond,
        }),
      ),
    );
    if (round > 0) loads.forEach((load, k) => results[order[k]].push(load));
  }
  return results;
}

/** Each app alone at full load, in turns; each goes on through the creators where its last load stopped. */
async function inTurns(servers: Server[], requests: LoadRequest[]): Promise<LoadResult[][]> {
  const results: LoadResult[][] = servers.map(() => []);
  const cursors = servers.map(() => newCursor());
  for (let round = 0; round <= settings.rounds; round += 1) {
    const order = round % 2 ? [1, 0] : [0, 1];
    for (const i of order) {
      step(round === 0 ? `Warm-up: app-${i === 0 ? 'other' : 'this'}` : `Round ${round} of ${settings.rounds}: app-${i === 0 ? 'other' : 'this'} at full load`);
      const load = await runLoad({
        url: servers[i].url,
        requests,
        connections: settings.connections,
        durationSeconds: round === 0 ? SATURATED_WARMUP_SECONDS : settings.durationSeconds,
        pid: servers[i].child.pid!,
        cursor: cursors[i],
      });
      if (round > 0) results[i].push(load);
    }
  }
  return results;
}

if (!other) {
  process.stderr.write('Usage: npm run bench:compare -- <path to another built checkout>\n');
  process.exit(2);
}
main().then(cleanUp, (error: Error) => {
  cleanUp();
  process.stderr.write(`Comparison failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
