import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Body, Controller, Get, Header, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '@creator-payouts/api-core/common/config/app-config';
import { ok, type Ok } from '@creator-payouts/nestjs-stripe-connect';
import { DEMO_CREATORS } from './demo-creators';
import { signDevToken } from './dev-token';

/** The built creator web app (`npm run build`): apps/creator-web/dist, from dev/src or dev/dist alike. */
export const CREATOR_WEB_DIST = resolve(__dirname, '..', '..', '..', 'creator-web', 'dist');
/** The demo sign-in page and its script, static files: apps/api-core/dev/public, from dev/src or dev/dist alike. */
export const LOCAL_PUBLIC = resolve(__dirname, '..', 'public');
/** How long a demo sign-in lasts. */
const SESSION_TTL_SECONDS = 3600;

class DemoSessionDto {
  @IsString()
  @IsIn(DEMO_CREATORS.map(({ id }) => id), { message: `userId must be one of the demo users: ${DEMO_CREATORS.map(({ id }) => id).join(', ')}` })
  userId: string;
}

/**
 * Local mode only (LocalWebModule is not even imported otherwise): the creator
 * web app served by the API, and a sign-in page listing the demo users, which
 * gives the tab a dev token the way a platform's sign-in would give a session.
 */
@ApiExcludeController()
@Controller()
export class LocalWebController {
  constructor(private readonly config: ConfigService<AppConfig, true>) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  signInPage(): Promise<Buffer> {
    return readFile(join(LOCAL_PUBLIC, 'sign-in.html'));
  }

  @Get('local/sign-in.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  signInScript(): Promise<Buffer> {
    return readFile(join(LOCAL_PUBLIC, 'sign-in.js'));
  }

  @Post('api/local/session')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  createSession(@Body() body: DemoSessionDto): Ok<{ token: string }> {
    return ok({ token: signDevToken(this.config.get('jwt', { infer: true }), body.userId, SESSION_TTL_SECONDS) });
  }

  // The app's pages: one index.html, the page picked by the path (apps/creator-web/src/main.tsx).
  @Get(['payouts', 'payouts/refresh'])
  // Revalidated on every visit, yet not `no-store`, which would keep the page out of the back-forward cache.
  @Header('Cache-Control', 'no-cache')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async creatorWeb(@Res() res: FastifyReply): Promise<void> {
    const page = await readFile(join(CREATOR_WEB_DIST, 'index.html')).catch(() => undefined);
    if (page) await res.send(page);
    else await res.status(404).type('text/plain; charset=utf-8').send('The creator web app is not built: run npm run build (npm start does).');
  }
}
