import { createCreator, expectErrorEnvelope, startTestApp, type TestApp } from '../../../test/test-app';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';

describe('Framework errors use the envelope', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('404 common.not_found: unknown route', async () => {
    expectErrorEnvelope(await t.http.get('/api/v1/creators/nothing-here'), 404, 'common.not_found');
  });

  it('404 common.not_found: a path outside /api/v1', async () => {
    const res = await t.http.get('/nothing/here').set('Accept-Language', 'tr');
    expectErrorEnvelope(res, 404, 'common.not_found');
    expect(res.body.error.message).toBe('Bu adreste bir şey bulunamadı.');
  });

  it('400 common.validation_failed: a path that does not decode, with its correlation id and its request line', async () => {
    const res = await t.http.get('/api/v1/creators/stripe-connect/%C3%28').set('X-Request-Id', 'undecodable-path-1');
    expectErrorEnvelope(res, 400, 'common.validation_failed');
    expect(res.body.error.correlationId).toBe('undecodable-path-1');
    expect(res.headers['x-request-id']).toBe('undecodable-path-1');
    expect(await t.requestLog('undecodable-path-1')).toMatchObject({ level: 30, res: { statusCode: 400 } });
  });

  it('routes match as they did on Express: any case, with or without a trailing slash', async () => {
    const creator = await createCreator(t.prisma);
    expect((await t.as(creator).post(`${ROUTE}/`)).status).toBe(200);
    expect((await t.as(creator).post(ROUTE.toUpperCase())).status).toBe(200);
  });

  it('a JSON content type with no body is no body', async () => {
    const creator = await createCreator(t.prisma);
    const res = await t.as(creator).post(ROUTE).set('Content-Type', 'application/json');
    expect(res.status).toBe(200);
  });

  it('400 common.validation_failed: a form body with a "__proto__" field', async () => {
    const creator = await createCreator(t.prisma);
    const res = await t.as(creator).post(ROUTE).set('Content-Type', 'application/x-www-form-urlencoded').send('__proto__=1');
    expectErrorEnvelope(res, 400, 'common.validation_failed');
  });

  it('404 common.not_found: known path, wrong method', async () => {
    const creator = await createCreator(t.prisma);
    expectErrorEnvelope(await t.as(creator).get(ROUTE), 404, 'common.not_found');
  });

  it('400 common.validation_failed: unparsable JSON body', async () => {
    const creator = await createCreator(t.prisma);
    const res = await t.as(creator).post(ROUTE).set('Content-Type', 'application/json').send('{"oops"');
    expectErrorEnvelope(res, 400, 'common.validation_failed');
    expect(res.body.error.details).toEqual([{ message: 'the body is not a JSON object' }]);
    // The parser's own text (positions, tokens) stays on the server.
    expect(JSON.stringify(res.body)).not.toMatch(/position|token|oops/i);
  });

  it('413 common.payload_too_large: body over the limit', async () => {
    const creator = await createCreator(t.prisma);
    const res = await t
      .as(creator)
      .post(ROUTE)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ padding: 'x'.repeat(10_000) }));
    expectErrorEnvelope(res, 413, 'common.payload_too_large');
  });

  it('an empty JSON object is accepted as no body (the route takes none)', async () => {
    const creator = await createCreator(t.prisma);
    const res = await t.as(creator).post(ROUTE).send({});
    expect(res.status).toBe(200);
  });

  it('400 common.validation_failed naming each unexpected field in details', async () => {
    const creator = await createCreator(t.prisma);
    const res = await t.as(creator).post(ROUTE).send({ accountId: 'acct_someone_else', note: 'hi' });
    expectErrorEnvelope(res, 400, 'common.validation_failed');
    expect(res.body.error.details).toEqual([
      { field: 'accountId', message: 'property accountId should not exist' },
      { field: 'note', message: 'property note should not exist' },
    ]);
  });

  it.each([
    ['a form field', 'application/x-www-form-urlencoded', 'userId=user_demo_active'],
    ['a JSON array', 'application/json', '[{"a":1}]'],
    ['a JSON string', 'application/json', '"text"'],
    ['a text body', 'text/plain', 'userId=user_demo_active'],
  ])('400 common.validation_failed: %s as the body', async (_name, contentType, body) => {
    const creator = await createCreator(t.prisma);
    const res = await t.as(creator).post(ROUTE).set('Content-Type', contentType).send(body);
    expectErrorEnvelope(res, 400, 'common.validation_failed');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.any(String) })]));
  });

  it('500 common.internal_error: an unexpected failure (a table gone) leaks nothing', async () => {
    const broken = await startTestApp({}, { ownDatabase: true });
    try {
      const creator = await createCreator(broken.prisma);
      await broken.prisma.$executeRawUnsafe('DROP TABLE "CreatorProfile"');
      const res = await broken.as(creator).post(ROUTE);
      expectErrorEnvelope(res, 500, 'common.internal_error');
      // Exactly the envelope (checked above) with the catalog's message: no database text, no stack.
      expect(res.body.error.message).toBe('Something went wrong on our side. Please try again later.');
      // One line for the request, at error level, with the real exception's stack (not a made-up one).
      const line = await broken.requestLog(res.headers['x-request-id']);
      expect(line).toMatchObject({ level: 50, msg: 'request errored', res: { statusCode: 500 } });
      expect((line.err as { stack: string }).stack).not.toContain('failed with status code');
      expect(broken.logs.filter((entry) => entry.correlationId === res.headers['x-request-id'])).toHaveLength(1);
    } finally {
      await broken.close();
    }
  });
});
