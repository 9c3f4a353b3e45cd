// The soak: one app instance on PostgreSQL under steady load for minutes, its
// resident memory (RSS, from /proc) sampled every second. Used by `run.ts`
// (`npm run bench`) and `soak-only.ts` (`npm run bench:soak`).
import { mintTokens, seedCreators } from './creators.ts';
import { answers200, appNodeFlags, ROUTE, round, type Server, startProcess, step, stop, withDatabase } from './harness.ts';
import { runLoad, rssMb } from './load.ts';

/**
 * The soak's creators are sized for up to this rate, so that none gets an
 * 11th call (a 429) however fast the machine is; the load takes them in
 * blocks, so the number of creators it touches follows the actual rate.
 */
export const SOAK_MAX_REQUESTS_PER_SECOND = 2_500;
/** Calls per creator in the soak; with the check that the app is up, 10: the app's limit per hour. */
const CALLS_PER_CREATOR = 9;
/** Creators a connection cycles through at a time. */
const BLOCK_PER_CONNECTION = 100;

/** How many creators a soak of `seconds` needs (numbered 1 to n), a whole number of blocks. */
export function soakCreators(seconds: number, connections: number): number {
  const block = connections * BLOCK_PER_CONNECTION;
  return Math.ceil((seconds * SOAK_MAX_REQUESTS_PER_SECOND) / CALLS_PER_CREATOR / block) * block;
}

/**
 * The soak's requests: block after block of creators, each block sent
 * `CALLS_PER_CREATOR` times over before the next, so a creator is done with
 * before the load moves on and the app's rate-limit storage holds only the
 * creators the load has reached (as a real hour's traffic would).
 */
export function soakRequests(creators: number, connections: number): { path: string; authorization: string }[] {
  const block = connections * BLOCK_PER_CONNECTION;
  const tokens = mintTokens(Array.from({ length: creators }, (_, i) => i + 1));
  const requests: { path: string; authorization: string }[] = [];
  for (let first = 0; first < creators; first += block) {
    const authorizations = tokens.slice(first, first + block).map((token) => `Bearer ${token}`);
    for (let call = 0; call < CALLS_PER_CREATOR; call += 1) for (const authorization of authorizations) requests.push({ path: ROUTE, authorization });
  }
  return requests;
}

export interface SoakResult {
  name: string;
  /** The node flags the app ran with ('' for V8's defaults). */
  nodeFlags: string;
  seconds: number;
  /** RSS after start-up, before the load. */
  rssStartMb: number;
  rss30sMb: number;
  /** RSS at 300 s of load (null when the soak is shorter). */
  rss5minMb: number | null;
  rssEndMb: number;
  peakRssMb: number;
  /** RSS at 30 s, then at every full minute of load, and at the end. */
  rssMbAt: { seconds: number; rssMb: number }[];
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number };
  errors: number;
  rateLimited: number;
  cpuMsPerRequest: number;
}

/**
 * Starts the app (`nodeFlags`, then `main`), drives `connections`
 * keep-alive connections as fast as they are answered for `seconds`, and
 * samples its RSS every second; then stops it.
 */
export async function soak(options: {
  name: string;
  nodeFlags: string[];
  main: string;
  env: Record<string, string>;
  requests: { path: string; authorization: string }[];
  seconds: number;
  connections: number;
}): Promise<SoakResult> {
  const { requests, seconds } = options;
  const server: Server = await startProcess(
    `soak-${options.nodeFlags.length ? 'flags' : 'defaults'}`,
    [...options.nodeFlags, options.main],
    options.env,
    answers200(ROUTE, requests[0].authorization),
  );
  try {
    const pid = server.child.pid!;
    const rssStartMb = rssMb(pid);
    const samples: { seconds: number; rssMb: number }[] = [];
    const startedAt = performance.now();
    const sampler = setInterval(() => samples.push({ seconds: (performance.now() - startedAt) / 1000, rssMb: rssMb(pid) }), 1000);
    let load;
    try {
      load = await runLoad({ url: server.url, requests, connections: options.connections, durationSeconds: seconds, pid, buildOnSend: true });
    } finally {
      clearInterval(sampler);
    }
    samples.push({ seconds: (performance.now() - startedAt) / 1000, rssMb: rssMb(pid) });
    // The first sample at or after a point of the load.
    const at = (point: number) => samples.find((sample) => sample.seconds >= point - 0.5) ?? samples[samples.length - 1];
    const points = [30, ...Array.from({ length: Math.floor(seconds / 60) }, (_, i) => 60 * (i + 1))].filter((point) => point < seconds);
    const rssMbAt = [...points, seconds].map((point) => ({ seconds: point, rssMb: Math.round(at(point).rssMb) }));
    const result: SoakResult = {
      name: options.name,
      nodeFlags: options.nodeFlags.join(' '),
      seconds,
      rssStartMb: Math.round(rssStartMb),
      rss30sMb: Math.round(at(30).rssMb),
      rss5minMb: seconds >= 300 ? Math.round(at(300).rssMb) : null,
      rssEndMb: Math.round(samples[samples.length - 1].rssMb),
      peakRssMb: Math.round(Math.max(load.peakRssMb, ...samples.map((sample) => sample.rssMb))),
      rssMbAt,
      requestsPerSecond: round(load.requestsPerSecond, 1),
      latencyMs: load.latencyMs,
      errors: load.errors,
      rateLimited: load.rateLimited,
      cpuMsPerRequest: round(load.cpuMsPerRequest, 3),
    };
    step(
      `  ${options.name}: RSS ${result.rssStartMb} MB at start, ${rssMbAt.map((point) => `${point.rssMb} at ${point.seconds} s`).join(', ')}; ` +
        `${Math.round(result.requestsPerSecond)} req/s, ${result.cpuMsPerRequest.toFixed(2)} ms CPU per request, ${result.errors} errors, ${result.rateLimited} × 429`,
    );
    return result;
  } finally {
    await stop(server);
  }
}

/**
 * The soak rows: the app as its start scripts run it and, with `baseline`,
 * the same app on V8's defaults (no flags), one after the other. Seeds the
 * creators the soak needs beyond the `seeded` ones (1 to seeded).
 */
export async function soakRows(options: {
  databaseUrl: string;
  seeded: number;
  main: string;
  env: Record<string, string>;
  seconds: number;
  connections: number;
  baseline: boolean;
}): Promise<SoakResult[]> {
  const creators = soakCreators(options.seconds, options.connections);
  if (creators > options.seeded) await withDatabase({ url: options.databaseUrl }, (database) => seedCreators(database, options.seeded + 1, creators));
  const requests = soakRequests(creators, options.connections);
  const flags = appNodeFlags();
  const runs = [{ name: 'app (PostgreSQL), as `npm run start:prod` starts it', nodeFlags: flags }];
  if (options.baseline) runs.push({ name: "app (PostgreSQL), V8's defaults", nodeFlags: [] });
  const results: SoakResult[] = [];
  for (const run of runs) {
    step(`Soak: ${run.name}, ${options.seconds} s`);
    results.push(
      await soak({
        ...run,
        main: options.main,
        env: { ...options.env, DATABASE_URL: options.databaseUrl },
        requests,
        seconds: options.seconds,
        connections: options.connections,
      }),
    );
  }
  return results;
}

/** The soak rows as a markdown table. */
export function renderSoak(results: SoakResult[]): string[] {
  const points = results[0].rssMbAt.map((point) => point.seconds);
  const label = (seconds: number) => (seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`);
  return [
    `| | Node flags | RSS MB at start | ${points.map((seconds) => `at ${label(seconds)}`).join(' | ')} | Peak | Requests/s | p99 ms | CPU ms per request | Errors | 429s |`,
    `|---|---|---:|${points.map(() => '---:').join('|')}|---:|---:|---:|---:|---:|---:|`,
    ...results.map(
      (result) =>
        `| ${[
          result.name,
          result.nodeFlags ? `\`${result.nodeFlags}\`` : "V8's defaults",
          result.rssStartMb,
          ...points.map((seconds) => result.rssMbAt.find((point) => point.seconds === seconds)?.rssMb ?? ''),
          result.peakRssMb,
          Math.round(result.requestsPerSecond).toLocaleString('en'),
          result.latencyMs.p99,
          result.cpuMsPerRequest.toFixed(2),
          result.errors,
          result.rateLimited,
        ].join(' | ')} |`,
    ),
  ];
}
