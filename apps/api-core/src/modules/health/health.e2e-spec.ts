import { expectErrorEnvelope, startTestApp, type TestApp } from '../../../test/test-app';
import { ReadinessService } from './readiness.service';

describe('GET /api/health/live and /api/health/ready', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('live: 200 in the envelope, no auth, outside /api/v1', async () => {
    const res = await t.http.get('/api/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, data: { status: 'ok' } });
    expect((await t.http.get('/api/v1/api/health/live')).status).toBe(404);
  });

  it('ready: 200 with the database up', async () => {
    const res = await t.http.get('/api/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, data: { status: 'ok', info: { database: { status: 'up' } } } });
  });

  it('is not throttled and not request-logged', async () => {
    for (let i = 0; i < 15; i += 1) expect((await t.http.get('/api/health/ready')).status).toBe(200);
    const res = await t.http.get('/api/health/live');
    expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(t.logs.some((line) => line.correlationId === res.headers['x-request-id'])).toBe(false);
  });

  it('sends the security headers', async () => {
    const res = await t.http.get('/api/health/live');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    expect(res.headers['x-powered-by']).toBeUndefined();
    // On errors too, Nest's and the app's alike.
    for (const path of ['/api/nowhere', '/api/v1/creators/stripe-connect/status']) {
      const error = await t.http.get(path);
      expect([path, error.headers['x-content-type-options'], error.headers['strict-transport-security']]).toEqual([
        path,
        'nosniff',
        expect.stringContaining('max-age='),
      ]);
    }
  });
});

describe('Readiness when the database is gone or the process drains', () => {
  it('ready: 503 common.service_unavailable without the database; live stays 200', async () => {
    const t = await startTestApp({}, { ownDatabase: true });
    try {
      await t.breakDatabase();
      expectErrorEnvelope(await t.http.get('/api/health/ready'), 503, 'common.service_unavailable');
      expect((await t.http.get('/api/health/live')).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('ready: 503 once shutdown has begun', async () => {
    const t = await startTestApp();
    try {
      t.app.get(ReadinessService).beforeApplicationShutdown();
      expectErrorEnvelope(await t.http.get('/api/health/ready'), 503, 'common.service_unavailable');
    } finally {
      await t.close();
    }
  });
});

describe('CORS and TRUST_PROXY', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: 'https://creators.example.com, https://studio.example.com', TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  it('allows the configured creator web app origins, with the headers it needs', async () => {
    const res = await t.http
      .options('/api/v1/creators/stripe-connect/dashboard-link')
      .set('Origin', 'https://studio.example.com')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://studio.example.com');
    expect(res.headers['access-control-allow-headers']).toContain('Authorization');
    const simple = await t.http.get('/api/health/live').set('Origin', 'https://creators.example.com');
    expect(simple.headers['access-control-expose-headers']).toContain('Retry-After');
  });

  it('lets the web app read error answers (401, 404) and their headers', async () => {
    for (const path of ['/api/v1/creators/stripe-connect/status', '/api/v1/nowhere']) {
      const res = await t.http.get(path).set('Origin', 'https://creators.example.com');
      expect([path, res.headers['access-control-allow-origin']]).toEqual([path, 'https://creators.example.com']);
      expect(res.headers['access-control-expose-headers']).toContain('X-Request-Id');
    }
  });

  it('gives other origins no CORS permission', async () => {
    const res = await t.http.get('/api/health/live').set('Origin', 'https://evil.example.com');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('logs the client address from X-Forwarded-For when the proxy is trusted', async () => {
    const res = await t.http.get('/api/v1/nowhere').set('X-Forwarded-For', '203.0.113.7');
    expect(await t.requestLog(res.headers['x-request-id'])).toMatchObject({ clientIp: '203.0.113.7' });
  });
});
