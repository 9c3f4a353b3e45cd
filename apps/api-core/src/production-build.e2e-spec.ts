import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { BUILT_MAIN } from '../test/app-process';
import { DEMO_CREATORS } from '../dev/src/demo-creators';
import { DEV_JWT_SECRET, DEV_WEBHOOK_SECRET, STANDIN_SECRET_KEY } from '../dev/src/local-mode';

/** The production build (`npm run build:prod -w @creator-payouts/api-core`): what the Docker image runs. */
const DIST = dirname(BUILT_MAIN);
const ROOT = join(__dirname, '..', '..', '..');
/** Every build output the Dockerfile copies into the image: the app's and the two packages' it runs on. */
const IMAGE_DISTS = [DIST, join(ROOT, 'packages/prisma/dist'), join(ROOT, 'packages/nestjs-stripe-connect/dist')];
const DEV = join(__dirname, '..', 'dev');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The dev tree's modules by name, from its sources (so a new one is covered too); its entry aside, which shares the name main. */
const DEV_MODULES = filesUnder(join(DEV, 'src'))
  .filter((file) => file.endsWith('.ts') && !/\.(e2e-)?spec\.ts$/.test(file))
  .map((file) => basename(file, '.ts'))
  .filter((name) => name !== 'main');
/** The sign-in page and its script. */
const DEV_PAGES = filesUnder(join(DEV, 'public')).map((file) => basename(file));

/**
 * Dev-only code stays out of the production build (issue 24, item 3): the dev tree (apps/api-core/dev: local mode, the
 * stand-in's wiring, the sign-in page, the token and webhook scripts) is built on its own into dev/dist.
 */
describe('The production build holds no dev-only code', () => {
  const files = IMAGE_DISTS.flatMap(filesUnder);
  const contents = files.map((file) => ({ file: relative(ROOT, file), text: readFileSync(file, 'utf8') }));

  it('is built, with its entry, and the dev tree lists what it must not hold', () => {
    expect(files).toContain(BUILT_MAIN);
    expect(DEV_MODULES).toEqual(
      expect.arrayContaining(['local-mode', 'local-web.controller', 'connect-events', 'dev-token', 'mint-dev-token', 'demo-creators', 'generate-api-client']),
    );
    expect(DEV_PAGES).toEqual(expect.arrayContaining(['sign-in.html']));
  });

  it('no file is a dev module, compiled', () => {
    const named = files.filter((file) => DEV_MODULES.includes(basename(file).replace(/\.(js|js\.map|d\.ts)$/, '')));
    expect(named.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it.each([
    ['the public dev JWT secret', DEV_JWT_SECRET],
    ['the public dev webhook secret', DEV_WEBHOOK_SECRET],
    ["the stand-in's key", STANDIN_SECRET_KEY],
    ['the stand-in package', '@creator-payouts/stripe-mock'],
    ['the demo seed', 'seedDemoCreators'],
    ...DEMO_CREATORS.map(({ id }): [string, string] => [`the demo user ${id}`, id]),
  ])('no file holds %s', (_what, value) => {
    expect(contents.filter(({ text }) => text.includes(value)).map(({ file }) => file)).toEqual([]);
  });

  it('no file names a dev module, the sign-in page or the dev tree', () => {
    const references = [
      ...DEV_MODULES.map((name) => new RegExp(`[/'"]${name.replace('.', '\\.')}(\\.(ts|js))?['"]`)),
      ...DEV_PAGES.map((name) => new RegExp(name.replace('.', '\\.'))),
      /(require\(|from |import\()['"][^'"]*\/dev\/[^'"]*['"]/,
    ];
    const found = contents.flatMap(({ file, text }) => references.filter((pattern) => pattern.test(text)).map((pattern) => `${file}: ${pattern}`));
    expect(found).toEqual([]);
  });
});
