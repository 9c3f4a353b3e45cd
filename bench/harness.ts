// What `run.ts` and `compare.ts` share: a work directory, progress lines,
// server processes on free loopback ports, databases, and cleaning up after.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Database, openDatabase } from '@creator-payouts/prisma';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const STANDIN_CLI = join(ROOT, 'packages/stripe-mock/dist/cli.js');
export const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';
export const STRIPE_KEY = 'sk_test_bench';

const started = performance.now();
export const work = mkdtempSync(join(tmpdir(), 'bench-'));
const children = new Set<ChildProcess>();
const cleanups: (() => void)[] = [];

export const elapsedSeconds = () => Math.round((performance.now() - started) / 1000);

export function step(message: string): void {
  const seconds = elapsedSeconds();
  process.stderr.write(`[${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}] ${message}\n`);
}

export function onCleanUp(cleanup: () => void): void {
  cleanups.push(cleanup);
}

export interface Server {
  name: string;
  child: ChildProcess;
  url: string;
  /** From spawn until `isUp` first said yes. */
  startupMs: number;
}

/** Starts a server process on a free port; ready when `isUp` says so (checked every 10 ms). */
export async function startProcess(
  name: string,
  args: string[],
  env: Record<string, string>,
  isUp: (url: string) => Promise<boolean>,
  portVariable = 'PORT',
): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = join(work, `${name}-${port}.log`);
  const out = openSync(log, 'w');
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', [portVariable]: String(port), ...env },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  children.add(child);
  child.once('exit', () => children.delete(child));
  while (performance.now() < spawnedAt + 60_000 && child.exitCode === null) {
    if (await isUp(url)) return { name, child, url, startupMs: Math.round(performance.now() - spawnedAt) };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not come up within 60 s:\n${readFileSync(log, 'utf8').slice(-3000)}`);
}

/** Up when a request to `path` (POST unless told) answers 200; false while nothing listens. */
export const answers200 =
  (path: string, authorization: string, method = 'POST') =>
  async (url: string): Promise<boolean> => {
    try {
      const res = await fetch(`${url}${path}`, { method, headers: { authorization } });
      await res.arrayBuffer();
      return res.status === 200;
    } catch {
      return false;
    }
  };

export async function stop(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export async function withDatabase<T>(options: { url?: string; pgliteDataDir?: string }, use: (database: Database) => Promise<T>): Promise<T> {
  // Seeding a million creators is one long statement: far over the app's 5 s query timeout.
  const database = openDatabase({ ...options, queryTimeoutMs: 600_000 });
  try {
    await database.migrate();
    return await use(database);
  } finally {
    await database.close();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/**
 * The node flags the app is started with by package.json's `start:prod` (the
 * same as `start` and the Dockerfile's CMD), in a checkout: the bench starts
 * the app as users do.
 */
export function appNodeFlags(root = ROOT): string[] {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = scripts['start:prod'].split(/\s+/);
  return words.slice(words.indexOf('node') + 1).filter((word) => word.startsWith('--'));
}

export function positiveInt(name: string, fallback: number): number {
  const value = process.env[name] ? Number(process.env[name]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

/** Like `positiveInt`, and 0 allowed (0 turns the measurement off). */
export function nonNegativeInt(name: string, fallback: number): number {
  return process.env[name] === '0' ? 0 : positiveInt(name, fallback);
}

export function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

/** Kills what is still running, runs the registered clean-ups, removes the work directory. */
export function cleanUp(): void {
  for (const child of children) child.kill('SIGKILL');
  for (const cleanup of cleanups.reverse()) {
    try {
      cleanup();
    } catch (error) {
      process.stderr.write(`cleanup: ${(error as Error).message}\n`);
    }
  }
  rmSync(work, { recursive: true, force: true });
}

process.once('SIGINT', () => {
  cleanUp();
  process.exit(130);
});

/** The app's environment for the bench: production mode, the stand-in as Stripe. */
export function appEnvironment(standinUrl: string, jwtSecret: string): { stripe: Record<string, string>; app: Record<string, string> } {
  const stripe = {
    STRIPE_SECRET_KEY: STRIPE_KEY,
    STRIPE_API_BASE: standinUrl,
    STRIPE_TIMEOUT_MS: '10000',
    STRIPE_MAX_NETWORK_RETRIES: '2',
  };
  return {
    stripe,
    app: {
      ...stripe,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      // No load balancer to drain from: stop at once.
      SHUTDOWN_DRAIN_MS: '0',
      JWT_SECRET: jwtSecret,
      STRIPE_WEBHOOK_SECRET: 'whsec_bench',
      STRIPE_CONNECT_REFRESH_URL: 'https://creators.example.com/settings/payouts?stripe=refresh',
      STRIPE_CONNECT_RETURN_URL: 'https://creators.example.com/settings/payouts?stripe=return',
    },
  };
}

/** The project's stripe-mock stand-in as Stripe, up once its login-link route answers. */
export function startStandin(): Promise<Server> {
  return startProcess('stand-in', [STANDIN_CLI], {}, answers200('/v1/accounts/acct_bench1/login_links', `Bearer ${STRIPE_KEY}`), 'STRIPE_MOCK_PORT');
}
