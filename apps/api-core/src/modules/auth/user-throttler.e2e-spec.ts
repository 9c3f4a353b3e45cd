import { createCreator, startTestApp, type TestApp } from '../../../test/test-app';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';

describe('Rate limit on dashboard-link: 10 requests per hour per authenticated user', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('the 11th request of a user is 429 common.rate_limited with Retry-After and the limit headers', async () => {
    const creator = await createCreator(t.prisma);
    for (let i = 1; i <= 10; i += 1) {
      const res = await t.as(creator).post(ROUTE);
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-remaining']).toBe(String(10 - i));
    }
    const res = await t.as(creator).post(ROUTE).set('Accept-Language', 'en');

    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3_500);
    expect(retryAfter).toBeLessThanOrEqual(3_600);
    expect(res.headers['x-ratelimit-limit']).toBe('10');
    expect(res.headers['x-ratelimit-remaining']).toBe('0');
    expect(Number(res.headers['x-ratelimit-reset'])).toBe(retryAfter);
    expect(res.body).toEqual({
      success: false,
      error: {
        code: 'RATE_LIMITED',
        i18nKey: 'common.rate_limited',
        i18nVars: { retryAfterSeconds: retryAfter },
        message: `Too many requests. Please try again in ${retryAfter} seconds.`,
        correlationId: res.headers['x-request-id'],
      },
    });
  });

  it('counts per user, not per IP: another user from the same address is not limited', async () => {
    const busy = await createCreator(t.prisma);
    const other = await createCreator(t.prisma);
    for (let i = 0; i < 11; i += 1) await t.as(busy).post(ROUTE);
    expect((await t.as(busy).post(ROUTE)).status).toBe(429);
    expect((await t.as(other).post(ROUTE)).status).toBe(200);
  });

  it('counts every answer past authentication, errors included', async () => {
    const fan = await createCreator(t.prisma, null);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await t.as(fan).post(ROUTE)).status);
    expect(statuses).toEqual([...Array(10).fill(404), 429]);
  });

  it('unauthenticated requests do not spend a user’s budget', async () => {
    const creator = await createCreator(t.prisma);
    for (let i = 0; i < 12; i += 1) expect((await t.http.post(ROUTE).set('Authorization', 'Bearer nope')).status).toBe(401);
    expect((await t.as(creator).post(ROUTE)).headers['x-ratelimit-remaining']).toBe('9');
  });

  it('is exact under concurrency: 25 simultaneous requests give exactly 10 successes', async () => {
    const creator = await createCreator(t.prisma);
    const answers = await Promise.all(Array.from({ length: 25 }, () => t.as(creator).post(ROUTE)));
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
    expect(answers.filter((res) => res.status === 429).every((res) => Number(res.headers['retry-after']) > 0)).toBe(true);
  });
});
