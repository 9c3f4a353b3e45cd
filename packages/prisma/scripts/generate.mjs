// Runs `prisma generate` (pure WASM) on machines where Prisma's native schema
// engine cannot be downloaded: every Prisma CLI command first looks for that
// engine, and generation itself never uses it, so any existing file will do.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= join(root, 'package.json');

const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
execFileSync(process.execPath, [prismaCli, 'generate', '--schema', join(root, 'prisma/schema')], {
  cwd: root,
  env,
  stdio: 'inherit',
});
