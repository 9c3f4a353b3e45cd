import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_CREATORS } from './demo-creators';
import { LOCAL_PUBLIC } from './local-web.controller';

/** The sign-in page is a static file: its buttons must stay the demo users the seed creates, the only ones a session is given for. */
describe('The demo sign-in page', () => {
  const page = readFileSync(join(LOCAL_PUBLIC, 'sign-in.html'), 'utf8');
  const buttons = [...page.matchAll(/<button type="button" data-user-id="([^"]+)" aria-describedby="([^"]+)">([^<]+)<\/button>/g)];

  it('has one button per demo user, in the seed order, named with its id', () => {
    expect(buttons.map(([, userId, , name]) => [userId, name])).toEqual(DEMO_CREATORS.map(({ id }) => [id, id]));
  });

  it('describes each user in an element its button points to', () => {
    for (const [, userId, describedBy] of buttons) {
      expect(describedBy).toBe(`${userId}-about`);
      expect(page).toMatch(new RegExp(`<span id="${describedBy}">[^<]+</span>`));
    }
  });

  it('loads its script from the path the controller serves it at, and nothing inline', () => {
    expect([...page.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag)).toEqual(['<script src="/local/sign-in.js">']);
  });
});
