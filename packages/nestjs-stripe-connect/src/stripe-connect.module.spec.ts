import { type CanActivate, type ExecutionContext, Injectable, Module, SetMetadata } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import Stripe from 'stripe';
import request from 'supertest';
import type { ErrorKey } from './errors/error-catalog';
import type { StripeConnectModuleOptions } from './options';
import { ConnectAccountStore } from './store/connect-account-store';
import { StripeConnectModule } from './stripe-connect.module';
import { StripeConnectService } from './stripe-connect.service';
import { StripeService } from './stripe/stripe.service';

/** A store that is never asked anything here: these tests are about wiring, and a call would fail them. */
class UnusedStore extends ConnectAccountStore {
  findByUserId = fail;
  findOnboardingProfile = fail;
  findAccountApi = fail;
  findPendingCreationApi = fail;
  claimCreation = fail;
  releaseCreation = fail;
  storeCreatedAccount = fail;
  hasEvent = fail;
  transaction = fail;
}
function fail(): never {
  throw new Error('the store was called');
}

const VALID: StripeConnectModuleOptions = {
  stripe: { secretKey: 'sk_test_123' },
  onboarding: { returnUrl: 'https://host.example.com/done', refreshUrl: 'https://host.example.com/again' },
  auth: { userId: () => undefined },
  store: new UnusedStore(),
};

@Injectable()
class OptionsFactory {
  createStripeConnectOptions(): StripeConnectModuleOptions {
    return VALID;
  }
}

@Module({ providers: [OptionsFactory], exports: [OptionsFactory] })
class HostConfigModule {}

/** A host's global guard of the usual kind: every route needs a signed-in user unless it is marked public. */
const Public = () => SetMetadata('isPublic', true);
@Injectable()
class SignedInUnlessPublic implements CanActivate {
  constructor(private readonly reflector: Reflector) {}
  canActivate(context: ExecutionContext): boolean {
    return this.reflector.get<boolean>('isPublic', context.getClass()) === true;
  }
}

describe('StripeConnectModule', () => {
  it('refuses bad options at start-up, naming every one of them in one message', async () => {
    const bad = {
      stripe: { secretKey: 'sk test', timeoutMs: -1, accountsApi: 'v3', webhookSecrets: ['whsec_ok', ''] },
      onboarding: { returnUrl: 'not a url', refreshUrl: 'ftp://host.example.com' },
      auth: { guards: ['JwtAuthGuard'] },
      store: { findByUserId() {} },
      rateLimit: { limit: 0 },
      hooks: { statusChanged: 'notify' },
    } as unknown as StripeConnectModuleOptions;

    await expect(Test.createTestingModule({ imports: [StripeConnectModule.forRoot(bad)] }).compile()).rejects.toThrow(
      [
        'StripeConnectModule: invalid options',
        '  stripe.secretKey: a key without spaces (sk_… or rk_…), or unset',
        '  stripe.timeoutMs: a positive integer (ms)',
        "  stripe.accountsApi: 'v1' or 'v2'",
        '  stripe.webhookSecrets: a list of signing secrets (whsec_…)',
        '  onboarding.returnUrl: an http(s) URL (required with stripe.secretKey)',
        '  onboarding.refreshUrl: an http(s) URL (required with stripe.secretKey)',
        '  auth.userId: a function reading the user id from the request',
        '  auth.guards: a list of guards (instances or classes)',
        '  store: a ConnectAccountStore (missing findOnboardingProfile, findAccountApi, findPendingCreationApi, claimCreation, releaseCreation, storeCreatedAccount, hasEvent, transaction)',
        '  rateLimit.limit: a positive integer',
        '  hooks.statusChanged: a function',
      ].join('\n'),
    );
  });

  it('starts without a Stripe key or onboarding URLs (the routes then say Stripe is unavailable)', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [StripeConnectModule.forRoot({ stripe: {}, auth: { userId: () => undefined }, store: new UnusedStore() })],
    }).compile();
    expect(moduleRef.get(StripeConnectService)).toBeInstanceOf(StripeConnectService);
    expect(moduleRef.get(StripeService).isConfigured).toBe(false);
    await moduleRef.close();
  });

  it.each([
    ['useClass', { useClass: OptionsFactory }],
    ['useExisting', { imports: [HostConfigModule], useExisting: OptionsFactory }],
    ['useFactory', { imports: [HostConfigModule], inject: [OptionsFactory], useFactory: (factory: OptionsFactory) => factory.createStripeConnectOptions() }],
  ])('forRootAsync with %s, and routes: false: the services alone, no route mounted', async (_name, asyncOptions) => {
    const moduleRef = await Test.createTestingModule({ imports: [StripeConnectModule.forRootAsync({ ...asyncOptions, routes: false })] }).compile();
    const app = await moduleRef.createNestApplication().init();
    try {
      expect(app.get(StripeConnectService)).toBeInstanceOf(StripeConnectService);
      expect(app.get(StripeService).isConfigured).toBe(true);
      expect((await request(app.getHttpServer()).get('/creators/stripe-connect/status')).status).toBe(404);
      expect((await request(app.getHttpServer()).post('/webhooks/stripe')).status).toBe(404);
    } finally {
      await app.close();
    }
  });

  it("the host's global guards run on the webhook too; webhookDecorators lets Stripe through them", async () => {
    const hostWith = async (webhookDecorators: ClassDecorator[]) => {
      const moduleRef = await Test.createTestingModule({
        imports: [StripeConnectModule.forRoot({ ...VALID, webhookDecorators })],
        providers: [{ provide: APP_GUARD, useClass: SignedInUnlessPublic }],
      }).compile();
      return moduleRef.createNestApplication().init();
    };
    const closed = await hostWith([]);
    try {
      // Stopped by the host's guard (a 403 of Nest's, in the module's envelope).
      expect((await request(closed.getHttpServer()).post('/webhooks/stripe')).body.error.i18nKey).toBe('auth.unauthorized');
    } finally {
      await closed.close();
    }
    const open = await hostWith([Public()]);
    try {
      // Reached: no signing secret is configured here.
      const res = await request(open.getHttpServer()).post('/webhooks/stripe');
      expect(res.status).toBe(503);
      expect(res.body.error.i18nKey).toBe('webhook.not_configured');
    } finally {
      await open.close();
    }
  });

  it('mounts its routes under the prefix the host chooses', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [StripeConnectModule.forRoot({ ...VALID, prefix: 'billing/v2' })] }).compile();
    const app = await moduleRef.createNestApplication().init();
    try {
      // No user: 401 in the envelope, from the module's own route.
      const res = await request(app.getHttpServer()).get('/billing/v2/creators/stripe-connect/status');
      expect(res.status).toBe(401);
      expect(res.body.error.i18nKey).toBe('auth.unauthorized');
      expect((await request(app.getHttpServer()).get('/creators/stripe-connect/status')).status).toBe(404);
    } finally {
      await app.close();
    }
  });
  it("calls the host's auth, telemetry and errors as methods of the objects it gave (class instances whose methods use this)", async () => {
    class HeaderAuth {
      private readonly header = 'x-user-id';
      userId(request: { headers: Record<string, string | undefined> }): string | undefined {
        return request.headers[this.header];
      }
    }
    class Telemetry {
      readonly annotated: string[] = [];
      annotate(fields: Record<string, unknown>): void {
        this.annotated.push(...Object.keys(fields));
      }
    }
    class ErrorPolicy {
      private readonly storeDown: ErrorKey = 'common.service_unavailable';
      readonly reported: ErrorKey[] = [];
      classify(error: unknown): ErrorKey | undefined {
        return error instanceof Error && error.message === 'the store was called' ? this.storeDown : undefined;
      }
      report(_error: unknown, key: ErrorKey): void {
        this.reported.push(key);
      }
    }
    const telemetry = new Telemetry();
    const errors = new ErrorPolicy();
    const secret = 'whsec_methods';
    const moduleRef = await Test.createTestingModule({
      imports: [StripeConnectModule.forRoot({ ...VALID, stripe: { ...VALID.stripe, webhookSecrets: [secret] }, auth: new HeaderAuth(), telemetry, errors })],
    }).compile();
    const app = await moduleRef.createNestApplication({ rawBody: true }).init();
    try {
      // The user is read (auth's this), the store's failure classified and reported (errors' this).
      const status = await request(app.getHttpServer()).get('/creators/stripe-connect/status').set('x-user-id', 'user-1');
      expect(status.status).toBe(503);
      expect(status.body.error.i18nKey).toBe('common.service_unavailable');
      // A signed event is annotated (telemetry's this) before the store is asked about it.
      const payload = JSON.stringify({
        id: 'evt_1',
        object: 'event',
        type: 'account.updated',
        created: 1_700_000_000,
        data: { object: { id: 'acct_1', object: 'account', charges_enabled: false, payouts_enabled: false, details_submitted: false } },
      });
      const webhook = await request(app.getHttpServer())
        .post('/webhooks/stripe')
        .set('Content-Type', 'application/json')
        .set('Stripe-Signature', Stripe.webhooks.generateTestHeaderString({ payload, secret }))
        .send(payload);
      expect(webhook.status).toBe(503);
      expect(telemetry.annotated).toEqual(expect.arrayContaining(['stripeEventId', 'stripeEventType']));
      expect(errors.reported).toEqual(['common.service_unavailable', 'common.service_unavailable']);
    } finally {
      await app.close();
    }
  });
});
