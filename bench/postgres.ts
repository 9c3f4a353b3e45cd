import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway PostgreSQL server on loopback, for the benchmark alone (like `.ci/run` starts one for the tests). */
export interface BenchPostgres {
  /** URL of the empty database created for the run. */
  url: string;
  version: string;
  stop(): void;
}

export function startPostgres(port: number, database: string): BenchPostgres {
  const bin = findPostgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'bench-postgres-'));
  // initdb refuses to run as root: as root, the server runs as the `postgres` user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  const run = (command: string, args: string[]) => {
    const result = asRoot
      ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', [join(bin, command), ...args].map(shellQuote).join(' ')], { encoding: 'utf8' })
      : spawnSync(join(bin, command), args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
    return result.stdout;
  };
  run('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust']);
  // fsync off: a throwaway database, and the measured path only reads; it makes seeding 1,000,000 rows quick.
  const options = `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-o', options, 'start']);
  run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-qc', `CREATE DATABASE ${database}`]);
  const version = run('postgres', ['--version']).trim();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/${database}`,
    version,
    stop() {
      try {
        run('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function findPostgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) if (existsSync(join(root, version, 'bin', 'initdb'))) return join(root, version, 'bin');
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return dirname(onPath);
  throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql');
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
