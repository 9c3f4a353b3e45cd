import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const MAIN = 'apps/api-core/dist/main.js';

/** The node flags in a command that runs the built app: the words between the last `node` before it and it. */
function nodeFlags(words: string[]): string[] {
  const main = words.indexOf(MAIN);
  const node = words.lastIndexOf('node', main);
  expect(main).toBeGreaterThan(node);
  expect(node).toBeGreaterThanOrEqual(0);
  return words.slice(node + 1, main);
}

/**
 * The memory bound of one instance (README "Memory") is a node flag;
 * `npm start`, `npm run start:prod`, the Docker image and the bench (which
 * reads `start:prod`) must run the app alike.
 */
describe('Start commands', () => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
  const prod = nodeFlags(scripts['start:prod'].split(/\s+/));

  it('npm run start:prod bounds the old generation', () => {
    expect(prod).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-old-space-size=\d+$/)]));
  });

  it('npm start and the Docker image run the app with the same flags', () => {
    expect(nodeFlags(scripts.start.split(/\s+/))).toEqual(prod);
    expect(cmd).toBeDefined();
    expect(nodeFlags(JSON.parse(cmd!) as string[])).toEqual(prod);
  });
});
