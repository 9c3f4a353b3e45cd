import type { LoadResult } from './load.ts';
import { renderSoak, type SoakResult } from './soak.ts';

export interface Row extends LoadResult {
  name: string;
  /** `peer`: the textbook peer on Express; `fastify-peer`: the same code on Fastify. */
  kind: 'ceiling' | 'floor' | 'peer' | 'fastify-peer' | 'app';
  /** Peers and app on PostgreSQL: the most requests one creator got from that server (limit: 10 an hour). */
  mostCallsPerCreator?: number;
  /** Rows measured in turns: each round's own figures (the row shows their means). */
  rounds?: LoadResult[];
}

export interface BenchReport {
  date: string;
  label?: string;
  environment: { node: string; postgresql: string; cpu: string };
  settings: {
    creators: number;
    connections: number;
    durationSeconds: number;
    rounds: number;
    warmupSeconds: number;
    largeTableCreators: number;
    startupRuns: number;
    soakSeconds: number;
    soakBaseline: boolean;
  };
  /** App on PostgreSQL requests/s ÷ floor requests/s (target ≥ 0.5). */
  throughputRatio: number;
  /** App on PostgreSQL p99 ÷ floor p99 (no target: at saturation it follows the throughput ratio). */
  p99Ratio: number;
  /** App on PostgreSQL requests/s ÷ the Express textbook peer's (target: ≥ 1.1 × the faster peer's). */
  peerThroughputRatio: number;
  /** App on PostgreSQL p99 ÷ the Express textbook peer's (target ≤ 1.0). */
  peerP99Ratio: number;
  /** App on PostgreSQL peak RSS ÷ the Express textbook peer's (target ≤ 1.0). */
  peerRssRatio: number;
  /** The same three against the textbook peer on Fastify. */
  fastifyPeerThroughputRatio: number;
  fastifyPeerP99Ratio: number;
  fastifyPeerRssRatio: number;
  rows: Row[];
  startup: { postgresqlMs: number; peerMs: number; fastifyPeerMs: number; embeddedMs: number; embeddedNewDataDirMs: number };
  throttleMemory: { users: number; heapGrowthBytes: number; bytesPerUser: number }[];
  largeTable: {
    creators: number;
    seedSeconds: number;
    lookupPlan: string;
    /** PostgreSQL's own execution time of the lookup (EXPLAIN ANALYZE), median over 200 creators. */
    lookupMedianMs: number;
    lookupMedianMsWithSeeded: number;
    p50Ms: number;
    p50MsWithSeeded: number;
    row: LoadResult;
  };
  /** The soak (app on PostgreSQL, as its start scripts run it): RSS at 30 s of steady load, and at 5 minutes (null when shorter or off). */
  soakRss30sMb: number | null;
  soakRss5minMb: number | null;
  /** The soak rows: the app as started by its start scripts, then (BENCH_SOAK_BASELINE=1) on V8's defaults. */
  soak: SoakResult[];
  elapsedSeconds: number;
}

/** Issue 25's targets: ahead of the faster textbook peer, no slower at p99 and no bigger than either, half the floor, start-up near the Express peer's. */
export const TARGETS = { fasterPeerThroughputRatio: 1.1, peerP99Ratio: 1.0, peerRssRatio: 1.0, throughputRatio: 0.5, startupVsPeerRatio: 1.3 };

const number = (value: number, digits = 0) => value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const check = (ok: boolean) => (ok ? 'met' : '**missed**');

export function renderMarkdown(report: BenchReport): string {
  const floor = report.rows.find((row) => row.kind === 'floor')!;
  const peer = report.rows.find((row) => row.kind === 'peer')!;
  const fastifyPeer = report.rows.find((row) => row.kind === 'fastify-peer')!;
  const fasterPeer = fastifyPeer.requestsPerSecond > peer.requestsPerSecond ? fastifyPeer : peer;
  const { settings, startup, largeTable } = report;
  const appRows = report.rows.filter((row) => row.kind === 'app');
  const times = (value: number) => `${number(value, 2)}×`;
  const versus = (row: Row, other: Row) =>
    `${times(row.requestsPerSecond / other.requestsPerSecond)}, ${times(row.latencyMs.p99 / other.latencyMs.p99)}, ${times(row.peakRssMb / other.peakRssMb)}`;
  const table = [
    '| | Requests/s | p50 ms | p90 ms | p99 ms | Errors | 429s | Peak RSS MB | CPU ms per request | vs floor: req/s, p99 | vs Express peer: req/s, p99, RSS | vs Fastify peer: req/s, p99, RSS |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...report.rows.map(
      (row) =>
        `| ${[
          row.name,
          number(row.requestsPerSecond),
          row.latencyMs.p50,
          row.latencyMs.p90,
          row.latencyMs.p99,
          row.errors,
          row.rateLimited,
          number(row.peakRssMb),
          row.kind === 'ceiling' ? '' : number(row.cpuMsPerRequest, 2),
          row.kind === 'ceiling' || row.kind === 'floor'
            ? ''
            : `${times(row.requestsPerSecond / floor.requestsPerSecond)}, ${times(row.latencyMs.p99 / floor.latencyMs.p99)}`,
          row.kind === 'app' ? versus(row, peer) : '',
          row.kind === 'app' ? versus(row, fastifyPeer) : '',
        ].join(' | ')} |`,
    ),
  ];
  // Every row, so a peer or floor that failed requests cannot pass for fast.
  const errors = report.rows.reduce((sum, row) => sum + row.errors, 0);
  const appPostgres = appRows.find((row) => row.name === 'app (PostgreSQL)')!;
  const fasterPeerRatio = fasterPeer === peer ? report.peerThroughputRatio : report.fastifyPeerThroughputRatio;
  const memory = report.throttleMemory
    .map((m) => `${number(m.users)} users: +${number(m.heapGrowthBytes / 1024 / 1024, 1)} MB heap (${number(m.bytesPerUser)} B per user)`)
    .join('; ');
  return [
    `## dashboard-link benchmark, ${report.date.slice(0, 10)}${report.label ? ` (${report.label})` : ''}`,
    '',
    `${report.environment.cpu}; Node ${report.environment.node}; ${report.environment.postgresql}. ` +
      `${number(settings.creators)} creators, one token each, ${settings.connections} connections, ` +
      `${settings.durationSeconds} s per measurement after ${settings.warmupSeconds} s of warm-up; floor, peers and app on PostgreSQL measured in turns, ` +
      `${settings.rounds} rounds each (means shown; peak RSS the highest). Load generator, servers, stand-in and database share the machine.`,
    '',
    ...table,
    '',
    '| Target | Measured | |',
    '|---|---:|---|',
    `| App throughput ≥ ${number(TARGETS.fasterPeerThroughputRatio, 1)} × the faster textbook peer (${fasterPeer === peer ? 'Express' : 'Fastify'}; PostgreSQL) | ${fasterPeerRatio} | ${check(fasterPeerRatio >= TARGETS.fasterPeerThroughputRatio)} |`,
    `| App p99 ≤ each textbook peer's (Express, Fastify) | ${report.peerP99Ratio}, ${report.fastifyPeerP99Ratio} | ${check(Math.max(report.peerP99Ratio, report.fastifyPeerP99Ratio) <= TARGETS.peerP99Ratio)} |`,
    `| App peak RSS ≤ each textbook peer's (Express, Fastify) | ${report.peerRssRatio}, ${report.fastifyPeerRssRatio} (${number(appPostgres.peakRssMb)} vs ${number(peer.peakRssMb)}, ${number(fastifyPeer.peakRssMb)} MB) | ${check(Math.max(report.peerRssRatio, report.fastifyPeerRssRatio) <= TARGETS.peerRssRatio)} |`,
    `| App throughput ≥ ${TARGETS.throughputRatio} × floor (PostgreSQL) | ${report.throughputRatio} | ${check(report.throughputRatio >= TARGETS.throughputRatio)} |`,
    `| No errors but intended 429s (every row) | ${errors} errors | ${check(errors === 0)} |`,
    `| Start-up to first 200 ≤ ${number(TARGETS.startupVsPeerRatio, 1)} × the Express peer's (PostgreSQL) | ${number(startup.postgresqlMs)} vs ${number(startup.peerMs)} ms | ${check(startup.postgresqlMs <= TARGETS.startupVsPeerRatio * startup.peerMs)} |`,
    '',
    `- The textbook peer (\`bench/peer\`): the same endpoint as the NestJS docs teach it, with the app's packages: Express (and, in its own row, Fastify), \`AuthGuard('jwt')\` ` +
      `with passport-jwt, a \`ThrottlerGuard\` subclass keyed on the user (10 an hour, in memory), \`PrismaService.findUnique\`, the Stripe SDK ` +
      `with its defaults, a global interceptor and exception filter for the envelope; no request log, metrics, helmet or correlation ids. ` +
      `Most requests for one creator: Express peer ${peer.mostCallsPerCreator ?? '?'}, Fastify peer ${fastifyPeer.mostCallsPerCreator ?? '?'}, ` +
      `app ${appPostgres.mostCallsPerCreator ?? '?'} (the limit is 10 an hour).`,
    `- Start-up to the first 200 (median of ${settings.startupRuns}): PostgreSQL ${number(startup.postgresqlMs)} ms (textbook peer ${number(startup.peerMs)} ms on Express, ${number(startup.fastifyPeerMs)} ms on Fastify); ` +
      `embedded ${number(startup.embeddedMs)} ms; embedded with a new data directory (readiness) ${number(startup.embeddedNewDataDirMs)} ms.`,
    `- In-memory rate-limit storage: ${memory}.`,
    `- ${number(largeTable.creators)} creators (seeded in ${largeTable.seedSeconds} s): the lookup (${largeTable.lookupPlan}) takes ` +
      `${largeTable.lookupMedianMs} ms in PostgreSQL vs ${largeTable.lookupMedianMsWithSeeded} ms with ${number(settings.creators)} (median, EXPLAIN ANALYZE). ` +
      `Under the same load: p50 ${largeTable.p50Ms} ms vs ${largeTable.p50MsWithSeeded} ms, ${number(largeTable.row.requestsPerSecond)} req/s, ` +
      `p99 ${largeTable.row.latencyMs.p99} ms, ${largeTable.row.errors} errors (one run each, so machine drift included).`,
    '',
    ...(report.soak.length
      ? [
          `### Soak: ${number(settings.soakSeconds)} s of steady load on one app instance (PostgreSQL)`,
          '',
          `A new instance, ${settings.connections} connections each as fast as answered, no warm-up; its RSS from /proc every second. ` +
            `Creators are taken block after block, each called 9 times (the first once more, to check the app is up), so no call meets the limit of 10 an hour.`,
          '',
          ...renderSoak(report.soak),
          '',
        ]
      : []),
  ].join('\n');
}
