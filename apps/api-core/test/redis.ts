import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from './free-port';
import { describeIfInstalled } from './programs';

/** `describe` for suites that start a redis-server: skipped, said once by the global setup, where it is not installed (never under CI=true). */
export const describeWithRedis = describeIfInstalled('redis-server');

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: nothing is persisted). */
  restart(): Promise<void>;
}

/** A real redis-server of the test's own on a free loopback port, no persistence; for suites under `describeWithRedis`. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
      child!.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`redis-server did not start: ${error.message}`));
      });
      child!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  };
  const stop = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, stop, restart: start };
}
