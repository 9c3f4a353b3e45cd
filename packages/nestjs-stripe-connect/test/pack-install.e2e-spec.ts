import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PACKAGE_DIR = join(__dirname, '..');
const SCRATCH_FILES = join(__dirname, 'scratch-host');
/** Where the README's example imports the host's own pieces from, and which scratch file plays each. */
const HOST_FILES: Record<string, string> = {
  'auth/jwt-auth.guard.ts': 'jwt-auth.guard.ts',
  'prisma/prisma.module.ts': 'prisma.module.ts',
  'prisma/prisma.service.ts': 'prisma.service.ts',
  'main.ts': 'main.ts',
};

/** The first TypeScript block of the package README: the `forRootAsync` example, as a user copies it. */
function readmeExample(): string {
  const block = /```ts\n([\s\S]*?)```/.exec(readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8'));
  if (!block) throw new Error('no ```ts block in the package README');
  return block[1];
}

/**
 * The package as a user gets it: packed (`npm pack`, the built dist), installed from the tarball into a scratch
 * host outside the workspace (its peer dependencies from the registry), the README's example compiled there with
 * tsc, and the host booted for real requests.
 */
describe('The packed package in a scratch host', () => {
  let scratch: string;
  let host: ChildProcess | undefined;
  let url: string;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'stripe-connect-scratch-host-'));
    await run('npm', ['pack', '--pack-destination', scratch], { cwd: PACKAGE_DIR });
    const tarball = readdirSync(scratch).find((name) => name.endsWith('.tgz'))!;
    writeFileSync(
      join(scratch, 'package.json'),
      JSON.stringify({
        name: 'scratch-host',
        private: true,
        dependencies: { '@creator-payouts/nestjs-stripe-connect': `file:./${tarball}`, '@nestjs/platform-express': '^12.5.0' },
        devDependencies: { typescript: '~6.0.3', '@types/node': '^24.0.0' },
      }),
    );
    // Peer dependencies (NestJS, Stripe, the throttler, swagger...) are installed by npm from the package's own list.
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: scratch });
    copyFileSync(join(SCRATCH_FILES, 'tsconfig.json'), join(scratch, 'tsconfig.json'));
    for (const [target, source] of Object.entries(HOST_FILES)) {
      mkdirSync(join(scratch, 'src', target, '..'), { recursive: true });
      copyFileSync(join(SCRATCH_FILES, source), join(scratch, 'src', target));
    }
    writeFileSync(join(scratch, 'src/payouts.module.ts'), readmeExample());
  }, 300_000);

  afterAll(() => {
    host?.kill();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("the README's forRootAsync example compiles as written, against the package's own types (tsc, no skipLibCheck)", async () => {
    // tsc's errors are on its stdout; none is expected (noEmitOnError: without a clean build there is nothing to boot).
    const compiled = await run(process.execPath, [join(scratch, 'node_modules/typescript/bin/tsc'), '-p', scratch]).then(
      () => '',
      (error: Error & { stdout?: string }) => error.stdout ?? error.message,
    );
    expect(compiled).toBe('');
  }, 120_000);

  it('the host boots, and the module answers at its prefix in the envelope', async () => {
    host = spawn(process.execPath, ['dist/main.js'], {
      cwd: scratch,
      env: { PATH: process.env.PATH, STRIPE_SECRET_KEY: 'sk_test_scratch', STRIPE_WEBHOOK_SECRET: 'whsec_scratch' },
    });
    url = await new Promise<string>((resolve, reject) => {
      let output = '';
      host!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const listening = /listening on (http:\/\/\S+)/.exec(output);
        if (listening) resolve(listening[1]);
      });
      host!.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      host!.once('exit', (code) => reject(new Error(`the scratch host exited (${code}) before listening:\n${output}`)));
    });

    const status = await fetch(`${url}/api/v1/creators/stripe-connect/status`);
    expect(status.status).toBe(401);
    expect(await status.json()).toMatchObject({ success: false, error: { i18nKey: 'auth.unauthorized', code: 'UNAUTHORIZED' } });
    const webhook = await fetch(`${url}/api/v1/webhooks/stripe`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': 't=1,v1=00' },
      body: '{}',
    });
    expect(webhook.status).toBe(400);
    expect(await webhook.json()).toMatchObject({ success: false, error: { i18nKey: 'webhook.invalid_signature' } });
  }, 60_000);
});
