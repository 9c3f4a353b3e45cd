// `npm run bench:memory`: where the app's resident memory goes under the
// bench's load (issue 25, item 4), on PostgreSQL and on the embedded PGlite.
// Each app is loaded at saturation (32 connections, 10 s of warm-up, then
// BENCH_DURATION s); at the end of the load, still under it, it reads the
// process's mappings (/proc/<pid>/smaps) and the app's own Prometheus metrics
// (V8's heap spaces, memory outside V8's heap). Printed, not stored.
import { readFileSync } from 'node:fs';
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
  durationSeconds: positiveInt('BENCH_DURATION', 20),
};
const METRICS_TOKEN = 'bench-memory-metrics-token';
const MB = 2 ** 20;

/** Resident MB by kind of mapping: the executable and libraries, glibc's main heap, and anonymous mappings by size (V8's spaces, malloc's thread arenas, a WebAssembly memory). */
function residentByMapping(pid: number): { files: number; mallocHeap: number; largestAnonymous: number; otherAnonymous: number } {
  const totals = { files: 0, mallocHeap: 0, largestAnonymous: 0, otherAnonymous: 0 };
  const anonymous: number[] = [];
  let name = '';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) name = header[1];
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (!rss) continue;
    const mb = Number(rss[1]) / 1024;
    // memfd mappings (`/memfd:…`) are anonymous memory with a name.
    if (name.startsWith('/') && !name.startsWith('/memfd:')) totals.files += mb;
    else if (name === '[heap]') totals.mallocHeap += mb;
    else anonymous.push(mb);
  }
  anonymous.sort((a, b) => b - a);
  totals.largestAnonymous = anonymous[0] ?? 0;
  totals.otherAnonymous = anonymous.slice(1).reduce((sum, mb) => sum + mb, 0);
  return totals;
}

/** The app's own gauges (prom-client's default metrics), in MB. */
async function heapMetrics(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const gauge = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN) / MB;
  return {
    rss: gauge(/^process_resident_memory_bytes (\S+)/m),
    heapUsed: gauge(/^nodejs_heap_size_used_bytes (\S+)/m),
    heapTotal: gauge(/^nodejs_heap_size_total_bytes (\S+)/m),
    newSpace: gauge(/^nodejs_heap_space_size_total_bytes\{space="new"\} (\S+)/m),
    oldSpace: gauge(/^nodejs_heap_space_size_total_bytes\{space="old"\} (\S+)/m),
    external: gauge(/^nodejs_external_memory_bytes (\S+)/m),
  };
}

async function main(): Promise<void> {
  const postgres = startPostgres(await freePort(), 'payouts_memory');
  onCleanUp(() => postgres.stop());
  const pgliteDir = join(work, 'pglite');
  step(`Seeding ${settings.creators.toLocaleString('en')} creators in PostgreSQL and in PGlite`);
  await withDatabase({ url: postgres.url }, (database) => seedCreators(database, 1, settings.creators));
  await withDatabase({ pgliteDataDir: pgliteDir }, (database) => seedCreators(database, 1, settings.creators));
  const requests = mintTokens(Array.from({ length: settings.creators }, (_, i) => i + 1)).map((token) => ({ path: ROUTE, authorization: `Bearer ${token}` }));
  const standin = await startStandin();
  const { app } = appEnvironment(standin.url, BENCH_JWT_SECRET);
  const databases = { PostgreSQL: { DATABASE_URL: postgres.url }, PGlite: { PGLITE_DATA_DIR: pgliteDir } };
  const rows: string[] = [];
  for (const [database, env] of Object.entries(databases)) {
    const server = await startProcess(
      `app-${database}`,
      [...appNodeFlags(), join(ROOT, 'apps/api-core/dist/main.js')],
      { ...app, ...env, METRICS_TOKEN },
      answers200(ROUTE, requests[0].authorization),
    );
    const idle: Record<string, number> = { ...(await heapMetrics(server.url)), ...residentByMapping(server.child.pid!) };
    const load = { url: server.url, requests, connections: 32, pid: server.child.pid!, cursor: newCursor() };
    await runLoad({ ...load, durationSeconds: 10 });
    // Read near the end of the load, while it still runs.
    const reading = (async (): Promise<Record<string, number>> => {
      await new Promise((resolve) => setTimeout(resolve, Math.max(settings.durationSeconds - 2, settings.durationSeconds / 2) * 1000));
      return { ...(await heapMetrics(server.url)), ...residentByMapping(server.child.pid!) };
    })();
    reading.catch(() => undefined); // awaited below, after the load: its failure is reported there
    const result = await runLoad({ ...load, durationSeconds: settings.durationSeconds });
    const loaded = await reading;
    step(`${database}: ${Math.round(result.requestsPerSecond)} req/s, peak RSS ${Math.round(result.peakRssMb)} MB, ${result.errors} errors`);
    await stop(server);
    for (const [when, values] of [
      ['idle', idle],
      ['under load', loaded],
    ] as const) {
      const mb = (key: string) => Math.round(values[key]);
      rows.push(
        `| ${database}, ${when} | ${mb('rss')} | ${mb('files')} | ${mb('newSpace')} | ${mb('oldSpace')} | ${mb('heapTotal')} (${mb('heapUsed')}) | ${mb('external')} | ${mb('mallocHeap')} | ${mb('largestAnonymous')} | ${mb('otherAnonymous')} |`,
      );
    }
    rows.push(`| ${database}, peak of the load | ${Math.round(result.peakRssMb)} | | | | | | | | |`);
  }
  await stop(standin);
  process.stdout.write(
    [
      "\nResident memory, MB: RSS; of it, files mapped (node, libraries); V8 (from the app's metrics): new space, old space, whole heap (used);",
      "outside V8's heap: external (Buffers, ArrayBuffers); by mapping: glibc's main heap, the largest anonymous mapping, the other anonymous mappings.\n",
      '| | RSS | files | new space | old space | V8 heap (used) | external | malloc heap | largest anonymous | other anonymous |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows,
      '',
    ].join('\n'),
  );
}

main().then(cleanUp, (error: Error) => {
  cleanUp();
  process.stderr.write(`Memory measurement failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
