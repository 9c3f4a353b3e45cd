import { join } from 'node:path';
import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import type { AppExtensions } from '@creator-payouts/api-core/app.module';
import type { AppConfig } from '@creator-payouts/api-core/common/config/app-config';
import { answersLoopbackHostOnly, requireLoopbackHost, servesLocalPages } from './local-mode';
import { CREATOR_WEB_DIST, LocalWebController } from './local-web.controller';

/** Local mode's web pages: the demo sign-in and the built creator web app (in local mode on loopback only: localModeExtensions). */
@Module({ controllers: [LocalWebController] })
export class LocalWebModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost<FastifyAdapter>) {}

  // Vite's hashed bundles under /assets: named by content, so cacheable for good. Registered before the app
  // listens (Fastify takes no plugin after that); the Host check still runs first (Nest middleware, in onRequest).
  onModuleInit(): void {
    void this.adapterHost.httpAdapter.useStaticAssets({
      root: join(CREATOR_WEB_DIST, 'assets'),
      prefix: '/assets/',
      index: false,
      immutable: true,
      maxAge: '1y',
      decorateReply: false,
    });
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
