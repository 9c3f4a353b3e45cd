import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { static as serveStatic } from 'express';
import { CREATOR_WEB_DIST, LocalWebController } from './local-web.controller';

/** Local mode's web pages: the demo sign-in and the built creator web app (AppModule imports it in local mode only). */
@Module({ controllers: [LocalWebController] })
export class LocalWebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Vite's hashed bundles under /assets: named by content, so cacheable for good.
    consumer
      .apply(serveStatic(CREATOR_WEB_DIST, { index: false, immutable: true, maxAge: '1y' }))
      .forRoutes({ path: 'assets/{*path}', method: RequestMethod.GET });
  }
}
