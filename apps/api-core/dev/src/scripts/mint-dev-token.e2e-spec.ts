import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import jwt from 'jsonwebtoken';
import { DEV_MAIN } from '../../../test/app-process';
import { TEST_JWT_SECRET } from '../../../test/test-app';
import { DEV_JWT_SECRET } from '../local-mode';

// The built script, as `npm run token` runs it (`npm test` builds first).
const SCRIPT = join(dirname(DEV_MAIN), 'scripts', 'mint-dev-token.js');
const REAL_DATABASE = 'postgresql://payouts@127.0.0.1:1/payouts';

function mint(env: Record<string, string>) {
  const run = spawnSync(process.execPath, [SCRIPT, 'user_demo_active', '60'], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run token', () => {
  it('in local mode signs with the dev secret', () => {
    const run = mint({});
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(jwt.verify(run.stdout.trim(), DEV_JWT_SECRET, { algorithms: ['HS256'] })).toMatchObject({ sub: 'user_demo_active' });
  });

  it('with DATABASE_URL and JWT_SECRET set signs with JWT_SECRET', () => {
    const run = mint({ DATABASE_URL: REAL_DATABASE, JWT_SECRET: TEST_JWT_SECRET });
    expect(run.status).toBe(0);
    expect(jwt.verify(run.stdout.trim(), TEST_JWT_SECRET, { algorithms: ['HS256'] })).toMatchObject({ sub: 'user_demo_active' });
  });

  it.each<Record<string, string>>([{ DATABASE_URL: REAL_DATABASE }, { NODE_ENV: 'production' }])(
    'with %j and no JWT key (no dev secret outside local mode): says JWT_SECRET is required, exit 1, no stack trace',
    (env) => {
      const run = mint(env);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^npm run token: .*\n\s+JWT_SECRET: required/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('any other configuration error: the message naming the variable, exit 1, no stack trace', () => {
    const run = mint({ PORT: 'eighty' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT: must be an integer from 0 to 65535');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
