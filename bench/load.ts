import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  /** The requests to send, in turn, spread over the connections so each user is called evenly. */
  requests: { path: string; authorization: string }[];
  connections: number;
  durationSeconds: number;
  /** Process whose resident memory is sampled during the run. */
  pid: number;
  /** A fixed rate over all connections; without it, each connection sends as fast as it is answered. */
  requestsPerSecond?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number };
  requests: number;
  /** Socket errors, timeouts and answers other than 2xx and 429. */
  errors: number;
  /** Intended answers of the per-user limit. */
  rateLimited: number;
  peakRssMb: number;
  /** CPU time (user + system) the server process spent per answered request. */
  cpuMsPerRequest: number;
}

/**
 * Drives `connections` keep-alive connections for `durationSeconds` (autocannon).
 * Connection c cycles through every `connections`-th request, so all users are
 * called in turn and none faster than the others.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { connections } = options;
  const slices = Array.from({ length: connections }, (_, c) =>
    options.requests.filter((_, i) => i % connections === c).map(({ path, authorization }) => ({ method: 'POST' as const, path, headers: { authorization } })),
  );
  let nextSlice = 0;
  const cpuBefore = cpuMs(options.pid);
  let peakRss = rssMb(options.pid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(options.pid))), 200);
  try {
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: options.url,
          connections,
          duration: options.durationSeconds,
          ...(options.requestsPerSecond && { overallRate: options.requestsPerSecond }),
          requests: slices[0],
          setupClient: (client) => client.setRequests(slices[nextSlice++ % connections]),
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
      // A progress bar when someone is watching.
      autocannon.track(instance, { renderProgressBar: Boolean(process.stderr.isTTY), renderResultsTable: false, renderLatencyTable: false });
    });
    const count = (status: string) => (result.statusCodeStats as Record<string, { count: number }> | undefined)?.[status]?.count ?? 0;
    const rateLimited = count('429');
    return {
      requestsPerSecond: result.requests.average,
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99 },
      requests: result.requests.total,
      errors: result.errors + result.timeouts + result.non2xx - rateLimited,
      rateLimited,
      peakRssMb: Math.max(peakRss, rssMb(options.pid)),
      cpuMsPerRequest: (cpuMs(options.pid) - cpuBefore) / Math.max(result.requests.total, 1),
    };
  } finally {
    clearInterval(sampler);
  }
}

/** Rounds of the same server as one row: means of rates and percentiles, sums of counts, the highest RSS. */
export function combineRounds(rounds: LoadResult[]): LoadResult {
  const mean = (pick: (round: LoadResult) => number) => Number((rounds.reduce((sum, round) => sum + pick(round), 0) / rounds.length).toFixed(1));
  const sum = (pick: (round: LoadResult) => number) => rounds.reduce((total, round) => total + pick(round), 0);
  return {
    requestsPerSecond: mean((round) => round.requestsPerSecond),
    latencyMs: { p50: mean((round) => round.latencyMs.p50), p90: mean((round) => round.latencyMs.p90), p99: mean((round) => round.latencyMs.p99) },
    requests: sum((round) => round.requests),
    errors: sum((round) => round.errors),
    rateLimited: sum((round) => round.rateLimited),
    peakRssMb: Math.max(...rounds.map((round) => round.peakRssMb)),
    cpuMsPerRequest: sum((round) => round.cpuMsPerRequest * round.requests) / sum((round) => round.requests),
  };
}

/** Resident set size of a process, from /proc (Linux). */
function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

/** CPU time a process has used so far (utime + stime, in clock ticks of 10 ms), from /proc (Linux). */
function cpuMs(pid: number): number {
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
