import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
/** The production entry: `npm run start:prod`, the Docker image. */
const MAIN = 'apps/api-core/dist/main.js';
/** The dev entry (local mode): `npm start`. */
const DEV_MAIN = 'apps/api-core/dev/dist/main.js';

/** The node flags in a command that runs the built `main`: the words between the last `node` before it and it. */
function nodeFlags(words: string[], main: string): string[] {
  const at = words.indexOf(main);
  const node = words.lastIndexOf('node', at);
  expect(at).toBeGreaterThan(node);
  expect(node).toBeGreaterThanOrEqual(0);
  return words.slice(node + 1, at);
}

/**
 * The memory bound of one instance (docs/production.md, "Memory") is a node flag;
 * `npm start`, `npm run start:prod`, the Docker image and the bench (which
 * reads `start:prod`) must run the app alike. `npm start` runs the dev entry
 * (local mode); the others the production entry, which has none of it.
 */
describe('Start commands', () => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
  const prod = nodeFlags(scripts['start:prod'].split(/\s+/), MAIN);

  it('npm run start:prod bounds the old generation', () => {
    expect(prod).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-old-space-size=\d+$/)]));
  });

  it('npm start (the dev entry) and the Docker image (the production entry) run the app with the same flags', () => {
    expect(nodeFlags(scripts.start.split(/\s+/), DEV_MAIN)).toEqual(prod);
    expect(cmd).toBeDefined();
    expect(nodeFlags(JSON.parse(cmd!) as string[], MAIN)).toEqual(prod);
  });
});
