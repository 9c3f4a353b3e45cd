import { ConfigError, loadConfig } from '@creator-payouts/api-core/common/config/app-config';
import { prepareLocalMode } from './local-mode';

// A production install (`npm ci --omit=dev`) has no stripe-mock: loading it fails as Node fails it.
let mockLoadError: Error;
jest.mock('@creator-payouts/stripe-mock', () => {
  throw mockLoadError;
});

const notFound = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('Local mode without the development dependencies', () => {
  const localConfig = () => loadConfig({ PGLITE_DATA_DIR: 'memory://', LOG_LEVEL: 'silent' });

  it.each([
    [
      'import()',
      notFound('ERR_MODULE_NOT_FOUND', "Cannot find package '@creator-payouts/stripe-mock' imported from /app/apps/api-core/dev/dist/local-mode.js"),
    ],
    [
      'require()',
      notFound('MODULE_NOT_FOUND', "Cannot find module '@creator-payouts/stripe-mock'\nRequire stack:\n- /app/apps/api-core/dev/dist/local-mode.js"),
    ],
  ])('stripe-mock missing (%s): a one-line ConfigError saying what to do', async (_loader, error) => {
    mockLoadError = error;
    const failure = prepareLocalMode(localConfig());
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(/^Local mode needs the development dependencies .*npm install.*DATABASE_URL.*STRIPE_SECRET_KEY/);
    await expect(failure).rejects.not.toThrow(/\n/);
  });

  it('anything else that fails while loading stripe-mock (here a dependency of it) is not disguised', async () => {
    mockLoadError = notFound('ERR_MODULE_NOT_FOUND', "Cannot find package 'some-dependency' imported from /app/packages/stripe-mock/dist/index.js");
    await expect(prepareLocalMode(localConfig())).rejects.toBe(mockLoadError);
  });
});
