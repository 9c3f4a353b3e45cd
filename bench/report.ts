import type { LoadResult } from './load.ts';

export interface Row extends LoadResult {
  name: string;
  kind: 'ceiling' | 'floor' | 'app';
}

export interface BenchReport {
  date: string;
  label?: string;
  environment: { node: string; postgresql: string; cpu: string };
  settings: { creators: number; connections: number; durationSeconds: number; rounds: number; warmupSeconds: number; largeTableCreators: number; startupRuns: number };
  /** App on PostgreSQL requests/s ÷ floor requests/s (target ≥ 0.8). */
  throughputRatio: number;
  /** App on PostgreSQL p99 ÷ floor p99 (target ≤ 1.25). */
  p99Ratio: number;
  rows: Row[];
  startup: { postgresqlMs: number; embeddedMs: number; embeddedNewDataDirMs: number };
  throttleMemory: { users: number; heapGrowthBytes: number; bytesPerUser: number }[];
  largeTable: {
    creators: number;
    seedSeconds: number;
    lookupPlan: string;
    /** PostgreSQL's own execution time of the lookup (EXPLAIN ANALYZE), median over 200 creators. */
    lookupMedianMs: number;
    lookupMedianMsWithSeeded: number;
    p50Ms: number; p50MsWithSeeded: number; row: LoadResult };
  elapsedSeconds: number;
}

export const TARGETS = { throughputRatio: 0.8, p99Ratio: 1.25, peakRssMb: 200, postgresqlStartupMs: 1_500 };

const number = (value: number, digits = 0) => value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const check = (ok: boolean) => (ok ? 'met' : '**missed**');

export function renderMarkdown(report: BenchReport): string {
  const floor = report.rows.find((row) => row.kind === 'floor')!;
  const { settings, startup, largeTable } = report;
  const appRows = report.rows.filter((row) => row.kind === 'app');
  const table = [
    '| | Requests/s | p50 ms | p90 ms | p99 ms | Errors | 429s | Peak RSS MB | vs floor: req/s, p99 |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
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
        row.kind === 'app'
          ? `${number(row.requestsPerSecond / floor.requestsPerSecond, 2)}×, ${number(row.latencyMs.p99 / floor.latencyMs.p99, 2)}×`
          : '',
      ].join(' | ')} |`,
    ),
  ];
  const errors = appRows.reduce((sum, row) => sum + row.errors, 0);
  const appPostgres = appRows.find((row) => row.name === 'app (PostgreSQL)')!;
  const peakRss = appPostgres.peakRssMb;
  const memory = report.throttleMemory
    .map((m) => `${number(m.users)} users: +${number(m.heapGrowthBytes / 1024 / 1024, 1)} MB heap (${number(m.bytesPerUser)} B per user)`)
    .join('; ');
  return [
    `## dashboard-link benchmark, ${report.date.slice(0, 10)}${report.label ? ` (${report.label})` : ''}`,
    '',
    `${report.environment.cpu}; Node ${report.environment.node}; ${report.environment.postgresql}. ` +
      `${number(settings.creators)} creators, one token each, ${settings.connections} connections, ` +
      `${settings.durationSeconds} s per measurement after ${settings.warmupSeconds} s of warm-up; floor and app on PostgreSQL measured in turns, ` +
      `${settings.rounds} rounds each (means shown). Load generator, servers, stand-in and database share the machine.`,
    '',
    ...table,
    '',
    '| Target | Measured | |',
    '|---|---:|---|',
    `| App throughput ≥ ${TARGETS.throughputRatio} × floor (PostgreSQL) | ${report.throughputRatio} | ${check(report.throughputRatio >= TARGETS.throughputRatio)} |`,
    `| App p99 ≤ ${TARGETS.p99Ratio} × floor (PostgreSQL) | ${report.p99Ratio} | ${check(report.p99Ratio <= TARGETS.p99Ratio)} |`,
    `| No errors but intended 429s | ${errors} errors | ${check(errors === 0)} |`,
    `| Peak RSS < ${TARGETS.peakRssMb} MB under load (app on PostgreSQL) | ${number(peakRss)} MB | ${check(peakRss < TARGETS.peakRssMb)} |`,
    `| Start-up to first 200 < ${number(TARGETS.postgresqlStartupMs)} ms (PostgreSQL) | ${number(startup.postgresqlMs)} ms | ${check(startup.postgresqlMs < TARGETS.postgresqlStartupMs)} |`,
    '',
    `- Start-up to the first 200 (median of ${settings.startupRuns}): PostgreSQL ${number(startup.postgresqlMs)} ms; ` +
      `embedded ${number(startup.embeddedMs)} ms; embedded with a new data directory (readiness) ${number(startup.embeddedNewDataDirMs)} ms.`,
    `- In-memory rate-limit storage: ${memory}.`,
    `- ${number(largeTable.creators)} creators (seeded in ${largeTable.seedSeconds} s): the lookup (${largeTable.lookupPlan}) takes ` +
      `${largeTable.lookupMedianMs} ms in PostgreSQL vs ${largeTable.lookupMedianMsWithSeeded} ms with ${number(settings.creators)} (median, EXPLAIN ANALYZE). ` +
      `Under the same load: p50 ${largeTable.p50Ms} ms vs ${largeTable.p50MsWithSeeded} ms, ${number(largeTable.row.requestsPerSecond)} req/s, ` +
      `p99 ${largeTable.row.latencyMs.p99} ms, ${largeTable.row.errors} errors (one run each, so machine drift included).`,
    '',
  ].join('\n');
}
