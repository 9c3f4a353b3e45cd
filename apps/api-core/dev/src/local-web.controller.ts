import { join, resolve } from 'node:path';
import { Body, Controller, Get, Header, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import { DEMO_CREATORS } from '@creator-payouts/prisma';
import { IsIn, IsString } from 'class-validator';
import type { Response } from 'express';
import type { AppConfig } from '../common/config/app-config';
import { ok, type Ok } from '@creator-payouts/nestjs-stripe-connect';
import { signDevToken } from './dev-token';

/** The built creator web app (`npm run build`): apps/creator-web/dist, from src/local or dist/local alike. */
export const CREATOR_WEB_DIST = resolve(__dirname, '..', '..', '..', 'creator-web', 'dist');
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
  signInPage(): string {
    return SIGN_IN_PAGE;
  }

  @Get('local/sign-in.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  signInScript(): string {
    return SIGN_IN_SCRIPT;
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
  creatorWeb(@Res() res: Response): void {
    res.sendFile(join(CREATOR_WEB_DIST, 'index.html'), (error) => {
      if (error) res.status(404).type('text/plain').send('The creator web app is not built: run npm run build (npm start does).');
    });
  }
}

function describe(profile: (typeof DEMO_CREATORS)[number]['profile']): string {
  if (!profile) return 'a fan, no creator profile';
  if (!('stripeAccountId' in profile)) return 'a creator with no payout account yet';
  return `a creator whose payout account is ${profile.stripeAccountStatus}`;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}li{margin:.5rem 0}button{font:inherit;padding:.4rem .9rem}button:focus-visible{outline:3px solid #1a1a2e;outline-offset:2px}</style></head>
<body><h1>${title}</h1>${body}</body></html>`;
}

const SIGN_IN_PAGE = page(
  'Sign in (local mode)',
  `<p>Local mode: choose a demo user to sign in as. This page, its dev tokens and the Stripe stand-in exist only in local mode.</p>
<ul>${DEMO_CREATORS.map(
    ({ id, profile }) =>
      `<li><button type="button" data-user-id="${id}" aria-describedby="${id}-about">${id}</button> <span id="${id}-about">${describe(profile)}</span></li>`,
  ).join('\n')}</ul>
<p id="sign-in-error" role="alert"></p>
<script src="/local/sign-in.js"></script>`,
);

// The key is the creator web app's (apps/creator-web/src/session.ts): the tab's session, gone when it closes.
const SIGN_IN_SCRIPT = `
for (const button of document.querySelectorAll('button[data-user-id]')) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    const error = document.getElementById('sign-in-error');
    try {
      const res = await fetch('/api/local/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId: button.dataset.userId }) });
      const body = await res.json();
      if (!body.success) throw new Error(body.error.message);
      sessionStorage.setItem('creator-payouts.accessToken', body.data.token);
      window.location.assign('/payouts');
    } catch (failure) {
      error.textContent = 'Sign-in failed: ' + failure.message;
      button.disabled = false;
    }
  });
}
`;
