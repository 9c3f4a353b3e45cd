import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTROL_ACCOUNT_STATE, CONTROL_FAULT, type Fault, type Operation, v2AccountFields, type V2AccountState } from '@creator-payouts/stripe-mock';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { STANDIN_SECRET_KEY } from '../../api-core/dev/src/local-mode';
import { type AppProcess, DEV_MAIN, startAppProcess } from '../../api-core/test/app-process';
import { freePort } from '../../api-core/test/free-port';
import { describeIfInstalled, programPath } from '../../api-core/test/programs';

/** Each state's picture, kept by every run (one of them is the README's). */
const SCREENSHOTS = join(__dirname, 'screenshots');
const STATUS_ROUTE = '/api/v1/creators/stripe-connect/status';
const PENDING_ACCOUNT = 'acct_1DemoPending001';

// Chromium's own background connections would be refused by a closed network, many at a time.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The whole journey in a real browser (Debian's Chromium), against the built
 * API and web app in local mode on loopback: nothing mocked, the Stripe
 * stand-in playing Stripe with its local onboarding and dashboard pages.
 * The tests run in order on one app, as the demo creators' hour would: each
 * route allows a user 10 calls an hour, and user_demo_new is active once the
 * journey is done.
 */
describeIfInstalled('chromium')('creator web app in a browser', () => {
  let app: AppProcess;
  let standInUrl: string;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'creator-web-e2e-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    // A fixed port: local mode builds Stripe's return URLs from it.
    app = await startAppProcess({ PORT: String(await freePort()), PGLITE_DATA_DIR: join(dataDir, 'pglite') }, DEV_MAIN);
    standInUrl = /stand-in at (http:\/\/127\.0\.0\.1:\d+)/.exec(app.output())![1];
    // Playwright turns the back-forward cache off by default; creators' browsers have it on.
    browser = await chromium.launch({ executablePath: programPath('chromium'), args: CHROMIUM_ARGS, ignoreDefaultArgs: ['--disable-back-forward-cache'] });
  });
  afterAll(async () => {
    await browser?.close();
    app?.child.kill('SIGTERM');
    await app?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function openPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-US', ...options });
    return context.newPage();
  }

  /** The local sign-in page: one button per demo user, named with its id. Returns once the payouts page has its status. */
  async function signIn(userId: string, options?: BrowserContextOptions): Promise<Page> {
    const page = await openPage(options);
    await page.goto(`${app.url}/`);
    const status = page.waitForResponse((res) => res.url().endsWith(STATUS_ROUTE));
    await page.getByRole('button', { name: userId, exact: true }).click();
    await page.waitForURL(`${app.url}/payouts`);
    await status;
    return page;
  }

  async function standIn(path: string, body: object | null): Promise<void> {
    const res = await fetch(`${standInUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${STANDIN_SECRET_KEY}` },
      body: body ? JSON.stringify(body) : '',
    });
    expect(res.status).toBe(200);
  }
  const setFault = (fault: Fault | null, operation?: Operation) => standIn(CONTROL_FAULT, fault && { fault, operation });

  const buttonNames = async (page: Page) => page.getByRole('button').allInnerTexts();
  const screenshot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  it('the whole journey: sign in as user_demo_new, set up payouts, complete onboarding, back active, manage payouts', async () => {
    const page = await signIn('user_demo_new');
    await page.getByRole('heading', { name: 'Get paid for your sales' }).waitFor();
    expect(await buttonNames(page)).toEqual(['Set up payouts']);
    await screenshot(page, 'not-started');

    await page.getByRole('button', { name: 'Set up payouts' }).click();
    await page.waitForURL(`${standInUrl}/_standin/onboarding?**`);
    const accountId = await page.getByTestId('account-id').innerText();
    expect(accountId).toMatch(/^acct_\w+$/);
    await screenshot(page, 'standin-onboarding');

    await page.getByRole('button', { name: 'Complete onboarding' }).click();
    // Back on the payouts page, still signed in: it checks with Stripe, shows the account active, and drops the return marker.
    await page.getByRole('heading', { name: 'Payouts are active' }).waitFor();
    expect(page.url()).toBe(`${app.url}/payouts`);
    expect(await buttonNames(page)).toEqual(['Manage payouts']);
    await screenshot(page, 'active');

    await page.evaluate(() => Object.assign(window, { leftForStripe: true }));
    await page.getByRole('button', { name: 'Manage payouts' }).click();
    await page.waitForURL(`${standInUrl}/_standin/dashboard?**`);
    await expect(page.getByRole('heading', { name: 'Express Dashboard (stand-in)' }).isVisible()).resolves.toBe(true);
    expect(await page.getByTestId('account-id').innerText()).toBe(accountId);
    await screenshot(page, 'standin-dashboard');

    // Back from Stripe's page, restored from the back-forward cache (the same window, not a reload): the button works again.
    await page.goBack({ waitUntil: 'commit' });
    expect(await page.evaluate(() => (window as { leftForStripe?: boolean }).leftForStripe)).toBe(true);
    await page.getByRole('button', { name: 'Manage payouts' }).click();
    await page.waitForURL(`${standInUrl}/_standin/dashboard?**`);
  });

  it('each status shows its own state and only its own button', async () => {
    // The demo accounts are Accounts v2 accounts, as a platform of today makes them.
    const cases: [string, V2AccountState | null, string, string[], string][] = [
      ['user_demo_pending', null, 'Finish setting up your account', ['Finish setting up'], 'pending'],
      ['user_demo_pending', 'restricted', 'Finish setting up your account', ['Finish setting up'], 'restricted'],
      ['user_demo_pending', 'rejected', 'Payouts are disabled', [], 'disabled'],
      // Back to onboarding not finished, as the next test expects.
      ['user_demo_pending', 'onboarding', 'Finish setting up your account', ['Finish setting up'], 'pending-again'],
      ['user_demo_active', null, 'Payouts are active', ['Manage payouts'], 'active-demo'],
    ];
    for (const [userId, stripeSays, title, buttons, name] of cases) {
      // What Stripe now says about the account; the page's live status pull reads it.
      if (stripeSays) await standIn(CONTROL_ACCOUNT_STATE, { id: PENDING_ACCOUNT, ...v2AccountFields(stripeSays) });
      const page = await signIn(userId);
      await page.getByRole('heading', { name: title }).waitFor();
      expect(await buttonNames(page)).toEqual(buttons);
      if (name === 'disabled') await page.getByText('Contact support to sort it out.', { exact: false }).waitFor();
      await screenshot(page, name);
      await page.context().close();
    }
    const fan = await signIn('user_demo_fan');
    await fan.getByRole('alert').getByText('Payouts are for creator accounts, and this account is not one.').waitFor();
    await fan.context().close();
  });

  it('the finish-setup path: Finish setting up, complete onboarding, back active', async () => {
    const page = await signIn('user_demo_pending');
    await page.getByRole('button', { name: 'Finish setting up' }).click();
    await page.waitForURL(`${standInUrl}/_standin/onboarding?**`);
    expect(await page.getByTestId('account-id').innerText()).toBe(PENDING_ACCOUNT);
    await page.getByRole('button', { name: 'Complete onboarding' }).click();
    await page.getByRole('heading', { name: 'Payouts are active' }).waitFor();
    expect(await buttonNames(page)).toEqual(['Manage payouts']);
  });

  it('a double click on Manage payouts makes one request', async () => {
    const page = await signIn('user_demo_active');
    const linkRequests: string[] = [];
    page.on('request', (request) => request.url().endsWith('/dashboard-link') && linkRequests.push(request.method()));
    await page.getByRole('button', { name: 'Manage payouts' }).dblclick();
    await page.waitForURL(`${standInUrl}/_standin/dashboard?**`);
    expect(linkRequests).toEqual(['POST']);
  });

  it('a failing Stripe shows the error and the correlation id to quote', async () => {
    const page = await signIn('user_demo_active');
    await setFault('server_error', 'createLoginLink');
    try {
      const answer = page.waitForResponse((res) => res.url().endsWith('/dashboard-link'));
      await page.getByRole('button', { name: 'Manage payouts' }).click();
      const correlationId = (await answer).headers()['x-request-id'];
      expect((await answer).status()).toBe(502);
      const alert = page.getByRole('alert');
      await alert.getByText('Stripe did not answer. Try again in a moment.').waitFor();
      expect(await alert.innerText()).toContain(`quote this reference: ${correlationId}`);
      await screenshot(page, 'stripe-error');
    } finally {
      await setFault(null);
    }
  });

  it('a dashboard link Stripe refuses as not onboarded shows the finish-setup state', async () => {
    const page = await signIn('user_demo_active');
    await setFault('onboarding_incomplete', 'createLoginLink');
    try {
      await page.getByRole('button', { name: 'Manage payouts' }).click();
      await page.getByRole('heading', { name: 'Finish setting up your account' }).waitFor();
      await page.getByRole('alert').getByText('Finish setting up your account before managing payouts.').waitFor();
      expect(await buttonNames(page)).toEqual(['Finish setting up']);
    } finally {
      await setFault(null);
    }
  });

  it('the 11th click in an hour says when to try again', async () => {
    const page = await signIn('user_demo_active');
    // Use up the hour's 10 dashboard links (the tests before took some), as earlier clicks would have.
    const remaining = await page.evaluate(async () => {
      let left = 10;
      for (let i = 0; i < 10 && left > 0; i += 1) {
        const res = await fetch('/api/v1/creators/stripe-connect/dashboard-link', {
          method: 'POST',
          headers: { Authorization: `Bearer ${sessionStorage.getItem('creator-payouts.accessToken')}` },
        });
        left = Number(res.headers.get('X-RateLimit-Remaining'));
      }
      return left;
    });
    expect(remaining).toBe(0);
    await page.getByRole('button', { name: 'Manage payouts' }).click();
    await page
      .getByRole('alert')
      .getByText(/^Too many attempts\. Try again in (59|60) minutes\.$/)
      .waitFor();
    // Still on the page, the button usable again: nothing silent, nothing stuck.
    expect(page.url()).toBe(`${app.url}/payouts`);
    await expect(page.getByRole('button', { name: 'Manage payouts' }).isEnabled()).resolves.toBe(true);
    await screenshot(page, 'rate-limited');
  });

  it('speaks Turkish to a Turkish browser, errors included', async () => {
    const page = await signIn('user_demo_active', { locale: 'tr-TR' });
    await page.getByRole('heading', { name: 'Ödemeler etkin' }).waitFor();
    expect(await buttonNames(page)).toEqual(['Ödemeleri yönet']);
    await page.getByRole('button', { name: 'Ödemeleri yönet' }).click();
    await page
      .getByRole('alert')
      .getByText(/^Çok fazla deneme yapıldı\. (59|60) dakika sonra tekrar deneyin\.$/)
      .waitFor();
    await screenshot(page, 'turkish');
  });

  it('the refresh page mints a fresh onboarding link and goes there', async () => {
    const page = await signIn('user_demo_pending');
    const minted: string[] = [];
    page.on('response', (res) => res.url().endsWith('/refresh-link') && minted.push(String(res.status())));
    await page.goto(`${app.url}/payouts/refresh`);
    await page.waitForURL(`${standInUrl}/_standin/onboarding?**`);
    expect(await page.getByTestId('account-id').innerText()).toBe(PENDING_ACCOUNT);
    expect(minted).toEqual(['200']);
  });

  it('back from Stripe: a failed check says so, and Try again shows the state', async () => {
    const page = await signIn('user_demo_new');
    await page.route(`**${STATUS_ROUTE}`, (route) => route.abort('connectionrefused'), { times: 1 });
    await page.goto(`${app.url}/payouts?from=stripe&tab=payouts`);
    await page.getByText('We could not confirm your account with Stripe.').waitFor();
    await page.getByRole('alert').getByText('Could not reach the server. Check your connection and try again.').waitFor();
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Payouts are active' }).waitFor();
    // The return marker goes once confirmed; anything else in the address stays.
    expect(page.url()).toBe(`${app.url}/payouts?tab=payouts`);
  });

  it('an expired session asks to sign in again', async () => {
    const page = await openPage();
    await page.goto(`${app.url}/`);
    await page.evaluate(() => sessionStorage.setItem('creator-payouts.accessToken', 'expired.or.forged'));
    await page.goto(`${app.url}/payouts`);
    const alert = page.getByRole('alert');
    await alert.getByText('Your session has ended. Sign in again.').waitFor();
    expect(await alert.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/');
  });

  it('fits a 360 px screen with no sideways scrolling, shows keyboard focus, and announces state changes', async () => {
    const page = await signIn('user_demo_new', { viewport: { width: 360, height: 740 } });
    await page.getByRole('heading', { name: 'Payouts are active' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      return { text: element.innerText, outline: getComputedStyle(element).outlineStyle };
    });
    expect(focused).toEqual({ text: 'Manage payouts', outline: 'solid' });
    expect(await page.locator('[aria-live="polite"]').getByRole('heading').innerText()).toBe('Payouts are active');
    await screenshot(page, 'small-screen');
  });
});
