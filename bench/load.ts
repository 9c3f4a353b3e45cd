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
  /**
   * Where each connection's cycle stopped in the last load on the same server:
   * given, this load goes on from there (and records where it stops), so that
   * over several loads every user is called about equally often.
   */
  cursor?: LoadCursor;
  /**
   * Build each request as it is sent: autocannon otherwise builds every
   * request of every connection when the load starts, which for hundreds of
   * thousands of requests (the soak's) holds up the start by seconds.
   */
  buildOnSend?: boolean;
}

/** Per connection, how many requests it has sent to one server over all its loads. */
export interface LoadCursor {
  sent: number[];
}

export const newCursor = (): LoadCursor => ({ sent: [] });

/**
 * The most calls any one user got from the loads that shared this cursor: connection c
 * cycles through its share of the requests, so its first users are called
 * ceil(sent / share) times. Against the per-user limit (10 per hour).
 */
export function mostCallsPerUser(cursor: LoadCursor, requests: number, connections: number): number {
  return Math.max(0, ...cursor.sent.map((sent, c) => Math.ceil(sent / Math.ceil((requests - c) / connections))));
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
  const { connections, cursor } = options;
  const slices = Array.from({ length: connections }, (_, c) => {
    const slice = options.requests
      .filter((_, i) => i % connections === c)
      .map(({ path, authorization }) => ({
        method: 'POST' as const,
        path,
        headers: { authorization },
        ...(options.buildOnSend && { setupRequest: sameRequest }),
      }));
    // Go on where this connection's last load on the same server stopped.
    const start = (cursor?.sent[c] ?? 0) % slice.length;
    return [...slice.slice(start), ...slice.slice(0, start)];
  });
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
          setupClient: (client) => {
            const c = nextSlice++ % connections;
            client.setRequests(slices[c]);
            // 'request': emitted as each request is written (the types list only some of the client's events).
            if (cursor) (client as NodeJS.EventEmitter).on('request', () => (cursor.sent[c] = (cursor.sent[c] ?? 0) + 1));
          },
        },
        (error: Error | null, result) => (error ? reject(error) : resolve(result)),
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

/** A request autocannon builds as it sends it (its `setupRequest` hook, changing nothing). */
const sameRequest = <T>(request: T): T => request;

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
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

/** CPU time a process has used so far (utime + stime, in clock ticks of 10 ms), from /proc (Linux). */
function cpuMs(pid: number): number {
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
