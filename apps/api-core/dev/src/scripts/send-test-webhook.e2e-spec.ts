import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { PrismaClient, StripeAccountApi } from '@creator-payouts/prisma';
import { seedDemoCreators } from '../demo-creators';
import type { StripeMock } from '@creator-payouts/stripe-mock';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '@creator-payouts/api-core/app.factory';
import { loadConfig } from '@creator-payouts/api-core/common/config/app-config';
import { DEV_MAIN } from '../../../test/app-process';
import { freePort } from '../../../test/free-port';
import { prepareLocalMode, restoreStandInAccounts } from '../local-mode';
import { localModeExtensions } from '../local-web.module';

// The built script, as `npm run webhook` runs it (`npm test` builds first).
const SCRIPT = join(dirname(DEV_MAIN), 'scripts', 'send-test-webhook.js');

/** `npm run webhook` against a local-mode app and its stand-in, both in this process (so the script runs beside it, not blocking it). */
describe('npm run webhook', () => {
  let app: NestFastifyApplication;
  let stripeMock: StripeMock;
  let port: number;
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, [SCRIPT, ...args], {
      env: { PATH: process.env.PATH ?? '', PORT: String(port), STANDIN_URL: stripeMock.url },
      encoding: 'utf8',
    });
  const profileOf = (userId: string) => app.get(PrismaClient).creatorProfile.findUniqueOrThrow({ where: { userId } });

  beforeAll(async () => {
    port = await freePort();
    const local = await prepareLocalMode(loadConfig({ PORT: String(port), PGLITE_DATA_DIR: 'memory://', LOG_LEVEL: 'silent' }));
    stripeMock = local.stripeMock!;
    app = await createApp(local.config, undefined, localModeExtensions(local.config));
    await app.listen(port, '127.0.0.1');
    await seedDemoCreators(app.get(PrismaClient));
    await restoreStandInAccounts(app.get(PrismaClient), stripeMock);
  });
  afterAll(async () => {
    await app?.close();
    await stripeMock?.close();
  });

  it("a v2 account: the stand-in's account changes and a signed thin event reaches the webhook", async () => {
    expect((await profileOf('user_demo_pending')).stripeAccountApi).toBe(StripeAccountApi.V2);
    const { stdout } = await run('acct_1DemoPending001', 'onboarded');
    expect(stdout).toBe(
      'v2.core.account[configuration.recipient].capability_status_updated for acct_1DemoPending001 → 200 {"success":true,"data":{"received":true}}\n',
    );
    expect(await profileOf('user_demo_pending')).toMatchObject({ stripeAccountStatus: 'ACTIVE', stripePayoutsEnabled: true, stripeChargesEnabled: false });

    await run('acct_1DemoPending001', 'restricted');
    expect((await profileOf('user_demo_pending')).stripeAccountStatus).toBe('RESTRICTED');
  });

  it('a v1 account (made before v2): the snapshot event with the account in it', async () => {
    await app.get(PrismaClient).creatorProfile.update({
      where: { userId: 'user_demo_new' },
      data: { stripeAccountId: 'acct_1DemoMadeWithV1', stripeAccountApi: StripeAccountApi.V1, stripeAccountStatus: 'PENDING' },
    });
    stripeMock.putAccount({ id: 'acct_1DemoMadeWithV1' });
    const { stdout } = await run('acct_1DemoMadeWithV1', 'onboarded');
    expect(stdout).toContain('account.updated for acct_1DemoMadeWithV1 → 200');
    expect(await profileOf('user_demo_new')).toMatchObject({ stripeAccountStatus: 'ACTIVE', stripeChargesEnabled: true, stripePayoutsEnabled: true });
  });
});
