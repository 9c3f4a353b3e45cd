import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@creator-payouts/prisma';
import { seedDemoCreators } from '../dev/src/demo-creators';

/** The production entry (`npm run start:prod`, the Docker image). */
export const BUILT_MAIN = join(__dirname, '..', 'dist', 'main.js');
/** The dev entry (`npm start`): the production start-up plus local mode (apps/api-core/dev). */
export const DEV_MAIN = join(__dirname, '..', 'dev', 'dist', 'main.js');

export interface AppProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<number | null>;
}

/**
 * The built app (`npm run build`; `npm test` builds first) as its own process,
 * for what only a real process shows: signals, exit codes, several instances.
 * It listens on a free loopback port, which it reports in its start-up log
 * (so LOG_LEVEL must keep `info`). `main`: the production entry, or DEV_MAIN for local mode.
 */
export async function startAppProcess(env: Record<string, string>, main = BUILT_MAIN): Promise<AppProcess> {
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build`);
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`app did not start in 90 s:\n${output}`));
    }, 90_000);
    const onData = () => {
      const match = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve(match[1]);
    };
    child.stdout.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`app exited (${code}) before listening:\n${output}`));
    });
  });
  return { child, url, output: () => output, exited };
}

/** A new embedded database (its directory, for PGLITE_DATA_DIR) with the demo creators: the production entry seeds nothing. */
export async function seededPgliteDir(prefix: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const database = openDatabase({ pgliteDataDir: dir });
  try {
    await database.migrate();
    await seedDemoCreators(database.prisma);
  } finally {
    await database.close();
  }
  return dir;
}
