// `npm run bench:profile`: CPU profiles (`--cpu-prof`) of the app and the two
// textbook peers at saturation, one after the other on one PostgreSQL, and
// where each one's CPU goes per request, by package. For finding what to cut
// (issue 25); the figures include the profiler's own overhead, so compare
// shares and differences, not absolute speeds. BENCH_PROFILE_ORDER sets which
// runs and in what order (the first server meets a cold database).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  startProcess,
  startStandin,
  step,
  stop,
  withDatabase,
  work,
} from './harness.ts';
import { newCursor, runLoad } from './load.ts';
import { startPostgres } from './postgres.ts';

const settings = {
  creators: positiveInt('BENCH_CREATORS', 20_000),
  durationSeconds: positiveInt('BENCH_DURATION', 15),
  connections: positiveInt('BENCH_CONNECTIONS', 32),
  order: (process.env.BENCH_PROFILE_ORDER ?? 'peer,app,fastify-peer').split(','),
};
// A server with no SIGTERM handler of its own (the peers) would die without writing its profile.
const EXIT_ON_TERM = join(ROOT, 'bench/exit-on-term.cjs');

interface CpuProfile {
  nodes: { id: number; callFrame: { url: string; functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per package (node_modules name, our workspace, `node:` module, or native and GC), in µs. */
function selfTimeByPackage(profile: CpuProfile): Map<string, number> {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const { url, functionName } = nodes.get(id)!.callFrame;
    const where =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      /\/(apps\/[^/]+|packages\/[^/]+|bench\/peer)\//.exec(url)?.[1] ??
      (url.startsWith('node:') ? `node:${url.slice(5).split('/')[0]}` : url || functionName);
    if (where !== '(idle)') totals.set(where, (totals.get(where) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return totals;
}

async function main(): Promise<void> {
  const postgres = startPostgres(await freePort(), 'payouts_profile');
  onCleanUp(() => postgres.stop());
  step(`Seeding ${settings.creators.toLocaleString('en')} creators`);
  await withDatabase({ url: postgres.url }, (database) => seedCreators(database, 1, settings.creators));
  const requests = mintTokens(Array.from({ length: settings.creators }, (_, i) => i + 1)).map((token) => ({ path: ROUTE, authorization: `Bearer ${token}` }));
  const standin = await startStandin();
  const { stripe, app } = appEnvironment(standin.url, BENCH_JWT_SECRET);
  const peerEnv = { NODE_ENV: 'production', DATABASE_URL: postgres.url, JWT_SECRET: BENCH_JWT_SECRET, ...stripe };
  const servers: Record<string, { args: string[]; env: Record<string, string> }> = {
    app: { args: [...appNodeFlags(), join(ROOT, 'apps/api-core/dist/main.js')], env: { ...app, DATABASE_URL: postgres.url } },
    peer: { args: [join(ROOT, 'bench/peer/dist/main.js')], env: peerEnv },
    'fastify-peer': { args: [join(ROOT, 'bench/peer/dist/main-fastify.js')], env: peerEnv },
  };
  const profiles = new Map<string, { byPackage: Map<string, number>; requests: number; cpuMsPerRequest: number }>();
  for (const name of settings.order) {
    const dir = join(process.env.BENCH_PROFILE_DIR ?? work, `profile-${name}`);
    const server = await startProcess(
      name,
      ['--cpu-prof', `--cpu-prof-dir=${dir}`, '-r', EXIT_ON_TERM, ...servers[name].args],
      servers[name].env,
      answers200(ROUTE, requests[0].authorization),
    );
    const load = { url: server.url, requests, connections: settings.connections, pid: server.child.pid!, cursor: newCursor() };
    const warmUp = await runLoad({ ...load, durationSeconds: 3 });
    const result = await runLoad({ ...load, durationSeconds: settings.durationSeconds });
    step(`${name}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.latencyMs.p99} ms, ${result.errors} errors, ${result.rateLimited} × 429`);
    await stop(server);
    const file = join(dir, readdirSync(dir)[0]);
    // The profile covers start-up and warm-up too: per request over every request the server answered.
    const answered = Math.round(warmUp.requestsPerSecond * 3 + result.requestsPerSecond * settings.durationSeconds);
    profiles.set(name, {
      byPackage: selfTimeByPackage(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile),
      requests: answered,
      cpuMsPerRequest: result.cpuMsPerRequest,
    });
  }
  await stop(standin);

  const names = [...profiles.keys()];
  const perRequest = (name: string, where: string) => (profiles.get(name)!.byPackage.get(where) ?? 0) / profiles.get(name)!.requests;
  const packages = [...new Set(names.flatMap((name) => [...profiles.get(name)!.byPackage.keys()]))];
  const subject = names.includes('app') ? 'app' : names[0];
  // Largest first by what the app spends beyond the others' least: where the app's extra work is.
  const extra = (where: string) => perRequest(subject, where) - Math.min(...names.map((name) => perRequest(name, where)));
  const rows = packages.sort((a, b) => extra(b) - extra(a)).slice(0, 30);
  const total = (name: string) => [...profiles.get(name)!.byPackage.values()].reduce((sum, value) => sum + value, 0) / profiles.get(name)!.requests;
  process.stdout.write(
    [
      `\nSelf time per request, µs (under the profiler), by package; ${settings.order.join(', ')} in that order:\n`,
      `| | ${names.join(' | ')} |`,
      `|---|${names.map(() => '---:').join('|')}|`,
      `| all | ${names.map((name) => total(name).toFixed(0)).join(' | ')} |`,
      ...rows.map((where) => `| ${where} | ${names.map((name) => perRequest(name, where).toFixed(1)).join(' | ')} |`),
      process.env.BENCH_PROFILE_DIR ? `\nProfiles (.cpuprofile, for Chrome's DevTools) in ${process.env.BENCH_PROFILE_DIR}.\n` : '',
    ].join('\n'),
  );
}

main().then(cleanUp, (error: Error) => {
  cleanUp();
  process.stderr.write(`Profile failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
