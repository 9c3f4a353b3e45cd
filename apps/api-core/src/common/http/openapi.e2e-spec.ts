import { readFileSync } from 'node:fs';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { API_CLIENT_SCHEMA, apiClientSchema } from '../../../dev/src/scripts/api-client-schema';

describe('OpenAPI document', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is what the checked-in typed client was generated from (else: npm run api-client:generate)', async () => {
    const res = await t.http.get('/api/docs-json');
    expect(readFileSync(API_CLIENT_SCHEMA, 'utf8')).toBe(await apiClientSchema(res.body));
  });

  it('serves the document at /api/docs-json with the envelope and the error table of dashboard-link', async () => {
    const res = await t.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    const operation = res.body.paths['/api/v1/creators/stripe-connect/dashboard-link'].post;
    expect(operation.security).toEqual([{ bearer: [] }]);
    // The route takes no body: documented as optional, and an empty object.
    expect(operation.requestBody).toMatchObject({ required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/NoBodyDto' } } } });
    expect(res.body.components.schemas.NoBodyDto).toEqual({ type: 'object', properties: {} });
    expect(operation.responses['200'].content['application/json'].schema).toMatchObject({
      properties: { success: { enum: [true] }, data: { $ref: '#/components/schemas/DashboardLinkResponseDto' } },
    });
    const errorSchema = { $ref: '#/components/schemas/ApiErrorResponseDto' };
    for (const [status, keys] of Object.entries({
      400: ['common.validation_failed', 'creator.stripe.account_not_found', 'creator.stripe.not_active', 'creator.stripe.service_unavailable'],
      401: ['auth.unauthorized'],
      404: ['creator.stripe.not_creator'],
      413: ['common.payload_too_large'],
      429: ['common.rate_limited'],
      500: ['common.internal_error'],
      502: ['creator.stripe.upstream_error'],
      503: ['common.service_unavailable'],
    })) {
      const response = operation.responses[status];
      expect(response.content['application/json'].schema).toEqual(errorSchema);
      for (const key of keys) expect(response.description).toContain(key);
    }
    expect(res.body.components.schemas.ApiErrorDto.properties.i18nKey.enum).toContain('creator.stripe.upstream_error');
  });

  it('documents every route with its success envelope and its error keys', async () => {
    const { paths } = (await t.http.get('/api/docs-json')).body;
    const routes: [string, string, string, string[]][] = [
      ['/api/v1/creators/stripe-connect/initiate', 'post', '201', ['creator.stripe.kyc_required', 'creator.stripe.connect_in_progress']],
      ['/api/v1/creators/stripe-connect/refresh-link', 'post', '200', ['creator.stripe.account_not_found']],
      ['/api/v1/creators/stripe-connect/status', 'get', '200', ['creator.stripe.not_creator']],
      ['/api/v1/webhooks/stripe', 'post', '200', ['webhook.invalid_signature', 'webhook.not_configured']],
    ];
    for (const [path, method, success, keys] of routes) {
      const operation = paths[path][method];
      expect(operation.responses[success].content['application/json'].schema.properties.success).toEqual({ type: 'boolean', enum: [true] });
      const descriptions = Object.values(operation.responses as Record<string, { description: string }>)
        .map((response) => response.description)
        .join(' ');
      for (const key of keys) expect(descriptions).toContain(key);
    }
    expect(paths['/api/v1/webhooks/stripe'].post.security).toBeUndefined();
  });

  it('serves the Swagger UI at /api/docs', async () => {
    const res = await t.http.get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger');
  });
});
