import { ConfigurableModuleBuilder, type DynamicModule } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import type { StripeConnectModuleExtras, StripeConnectModuleOptions } from './options';
import { StripeConnectWebhookController } from './stripe-connect-webhook.controller';
import { StripeConnectController } from './stripe-connect.controller';

/**
 * `StripeConnectModule.forRoot(options)` and `.forRootAsync({ imports, inject, useFactory | useClass | useExisting })`
 * (Nest's ConfigurableModuleBuilder). `routes` and `prefix` are given beside them, not resolved later: which
 * controllers exist is decided when the module is imported.
 */
export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } = new ConfigurableModuleBuilder<StripeConnectModuleOptions>()
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createStripeConnectOptions')
  .setExtras<StripeConnectModuleExtras>({ routes: true, prefix: '', webhookDecorators: [] }, withRoutes)
  .build();

/** The controllers, unless `routes: false`; under `prefix` when given (Nest's RouterModule); the host's decorators on the webhook. */
function withRoutes(definition: DynamicModule, { routes, prefix, webhookDecorators = [] }: StripeConnectModuleExtras): DynamicModule {
  if (!routes) return definition;
  // Applied to the class itself (Nest reads its metadata when routes are mapped): one module per app.
  for (const decorate of webhookDecorators) decorate(StripeConnectWebhookController);
  return {
    ...definition,
    controllers: [StripeConnectController, StripeConnectWebhookController],
    imports: [...(definition.imports ?? []), ...(prefix ? [RouterModule.register([{ path: prefix, module: definition.module }])] : [])],
  };
}
