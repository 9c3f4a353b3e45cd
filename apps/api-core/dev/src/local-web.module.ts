import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { static as serveStatic } from 'express';
import type { AppExtensions } from '@creator-payouts/api-core/app.module';
import type { AppConfig } from '@creator-payouts/api-core/common/config/app-config';
import { answersLoopbackHostOnly, requireLoopbackHost, servesLocalPages } from './local-mode';
import { CREATOR_WEB_DIST, LocalWebController } from './local-web.controller';

/** Local mode's web pages: the demo sign-in and the built creator web app (in local mode on loopback only: localModeExtensions). */
@Module({ controllers: [LocalWebController] })
export class LocalWebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Vite's hashed bundles under /assets: named by content, so cacheable for good.
    consumer
      .apply(serveStatic(CREATOR_WEB_DIST, { index: false, immutable: true, maxAge: '1y' }))
      .forRoutes({ path: 'assets/{*path}', method: RequestMethod.GET });
  }
}

/**
 * What the dev entry adds to the app: nothing outside local mode; in it, the Host check before anything reads a
 * request, and on loopback with HS256 tokens the pages.
 */
export function localModeExtensions(config: AppConfig): AppExtensions {
  return {
    imports: servesLocalPages(config) ? [LocalWebModule] : [],
    firstMiddleware: answersLoopbackHostOnly(config) ? [requireLoopbackHost] : [],
  };
}
