import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig } from './app-config';

const SECRET = 'a'.repeat(32);

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('loadConfig', () => {
  it('needs nothing in development (local mode) and documents its defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      localMode: true,
      host: '127.0.0.1',
      port: 3000,
      database: { url: undefined, pgliteDataDir: '.data/pglite' },
      jwt: { verification: undefined },
      stripe: { secretKey: undefined, apiBase: 'https://api.stripe.com', timeoutMs: 10_000, maxNetworkRetries: 2, webhookSecrets: [], accountsApi: 'V2' },
      http: { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 65_000 },
    });
  });

  it('production uses exactly what is configured: no local mode, no Stripe key means none', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET });
    expect(config.localMode).toBe(false);
    expect(config.stripe.secretKey).toBeUndefined();
    expect(config.jwt.verification?.algorithm).toBe('HS256');
    expect(config.jwt.verification?.key.export().toString()).toBe(SECRET);
  });

  it.each([
    [{ NODE_ENV: 'production' }, 'JWT_SECRET: required when NODE_ENV=production (or JWT_PUBLIC_KEY)'],
    [{ NODE_ENV: 'test' }, 'JWT_SECRET: required when NODE_ENV=test (or JWT_PUBLIC_KEY)'],
    [{ DATABASE_URL: 'postgresql://u@127.0.0.1:5432/db' }, 'JWT_SECRET: required when DATABASE_URL is set (or JWT_PUBLIC_KEY)'],
    [{ NODE_ENV: 'development', DATABASE_URL: 'postgresql://u@127.0.0.1:5432/db' }, 'JWT_SECRET: required when DATABASE_URL is set (or JWT_PUBLIC_KEY)'],
    [{ NODE_ENV: ' ', DATABASE_URL: 'postgresql://u@127.0.0.1:5432/db' }, 'JWT_SECRET: required when DATABASE_URL is set (or JWT_PUBLIC_KEY)'],
    [
      { DATABASE_URL: 'postgresql://u@127.0.0.1:5432/db', JWT_SECRET: SECRET, STRIPE_SECRET_KEY: 'sk_test_1' },
      'STRIPE_CONNECT_REFRESH_URL: required when STRIPE_SECRET_KEY is set',
    ],
    [{ NODE_ENV: 'production', JWT_SECRET: 'short' }, 'JWT_SECRET: must be at least 32 characters'],
    [{ JWT_SECRET: SECRET, JWT_PUBLIC_KEY: 'x' }, 'JWT_PUBLIC_KEY: set JWT_SECRET or JWT_PUBLIC_KEY, not both'],
    [{ JWT_PUBLIC_KEY: 'not a key' }, 'JWT_PUBLIC_KEY: not a PEM public key'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL: must be a postgres'],
    [{ PORT: 'eighty' }, 'PORT: must be an integer from 0 to 65535'],
    [{ PORT: '70000' }, 'PORT: must be an integer from 0 to 65535'],
    [{ STRIPE_API_BASE: 'ftp://stripe' }, 'STRIPE_API_BASE: must be an http:// or https:// URL'],
    [{ STRIPE_TIMEOUT_MS: '-1' }, 'STRIPE_TIMEOUT_MS: must be an integer from 100 to 120000'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV: must be one of development, test, production'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: must be one of'],
    [{ NODE_ENV: 'production', JWT_SECRET: SECRET, STRIPE_SECRET_KEY: 'sk_test_1' }, 'STRIPE_CONNECT_REFRESH_URL: required when STRIPE_SECRET_KEY is set'],
    [
      { NODE_ENV: 'production', JWT_SECRET: SECRET, STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_CONNECT_REFRESH_URL: 'https://a.example/r' },
      'STRIPE_CONNECT_RETURN_URL: required when STRIPE_SECRET_KEY is set',
    ],
    [{ STRIPE_CONNECT_RETURN_URL: 'not a url' }, 'STRIPE_CONNECT_RETURN_URL: must be an http:// or https:// URL'],
    [{ CORS_ORIGINS: 'https://creators.example.com/app' }, 'CORS_ORIGINS: origins only'],
    [{ CORS_ORIGINS: 'https://creators.example.com, ftp://files.example.com' }, 'CORS_ORIGINS: origins only'],
    [{ REDIS_URL: 'http://cache:6379' }, 'REDIS_URL: must be a redis:// or rediss:// URL'],
    [{ REDIS_REQUIRED: 'true' }, 'REDIS_URL: required when REDIS_REQUIRED=true'],
    [{ REDIS_REQUIRED: 'yes' }, 'REDIS_REQUIRED: must be true or false'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN: must be at least 16 characters'],
    [{ METRICS_TOKEN: 'metrics token with spaces' }, 'METRICS_TOKEN: must be printable ASCII without spaces'],
    [{ METRICS_TOKEN: `${'m'.repeat(16)}\u0001` }, 'METRICS_TOKEN: must be printable ASCII without spaces'],
    [{ METRICS_TOKEN: `${'m'.repeat(16)}\u00e9` }, 'METRICS_TOKEN: must be printable ASCII without spaces'],
    [{ DATABASE_POOL_MAX: '0' }, 'DATABASE_POOL_MAX: must be an integer from 1 to 500'],
    [{ REQUEST_TIMEOUT_MS: '500' }, 'REQUEST_TIMEOUT_MS: must be an integer from 1000 to 600000'],
    [{ HEADERS_TIMEOUT_MS: '40000' }, 'HEADERS_TIMEOUT_MS: must not exceed REQUEST_TIMEOUT_MS'],
    [{ REQUEST_TIMEOUT_MS: '5000', HEADERS_TIMEOUT_MS: '6000' }, 'HEADERS_TIMEOUT_MS: must not exceed REQUEST_TIMEOUT_MS'],
    [{ KEEP_ALIVE_TIMEOUT_MS: '0' }, 'KEEP_ALIVE_TIMEOUT_MS: must be an integer from 1000 to 600000'],
  ])('rejects %j naming the variable', (env, expected) => {
    expect(configError(env)).toContain(expected);
  });

  it('names every bad variable in one message', () => {
    const message = configError({ NODE_ENV: 'production', PORT: 'eighty', STRIPE_API_BASE: 'ftp://stripe', DATABASE_URL: 'mysql://db' });
    expect(message.split('\n')).toEqual([
      'Invalid configuration:',
      '  PORT: must be an integer from 0 to 65535',
      '  DATABASE_URL: must be a postgres:// or postgresql:// URL',
      '  JWT_SECRET: required when NODE_ENV=production (or JWT_PUBLIC_KEY)',
      '  STRIPE_API_BASE: must be an http:// or https:// URL',
    ]);
  });

  it('drains 5 s after a signal in a deployment, not at all in local mode and tests, unless SHUTDOWN_DRAIN_MS says', () => {
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET }).shutdownDrainMs).toBe(5_000);
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@127.0.0.1:5432/db', JWT_SECRET: SECRET }).shutdownDrainMs).toBe(5_000);
    expect(loadConfig({}).shutdownDrainMs).toBe(0);
    expect(loadConfig({ NODE_ENV: 'test', JWT_SECRET: SECRET }).shutdownDrainMs).toBe(0);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, SHUTDOWN_DRAIN_MS: '250' }).shutdownDrainMs).toBe(250);
    expect(configError({ SHUTDOWN_DRAIN_MS: '-1' })).toContain('SHUTDOWN_DRAIN_MS: must be an integer from 0 to 300000');
  });

  it('treats blank values as unset, trims values, and reads lists', () => {
    const config = loadConfig({ PORT: ' ', HOST: ' 0.0.0.0 ', JWT_SECRET: SECRET, CORS_ORIGINS: 'https://a.example.com, http://localhost:5173' });
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.corsOrigins).toEqual(['https://a.example.com', 'http://localhost:5173']);
  });

  it('trusts the proxies TRUST_PROXY names, all of them with true, none by default, and refuses a bare hop count', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    // Fastify trusts no one for a count (it cannot check the nearest peer): refused rather than silently ignored.
    expect(configError({ TRUST_PROXY: '2' })).toContain(
      "TRUST_PROXY: must be true, false, or the proxies' addresses or subnets (loopback, 10.0.0.0/8), not a hop count",
    );
  });

  it('creates accounts with Accounts v2 unless STRIPE_ACCOUNTS_API=v1', () => {
    expect(loadConfig({ STRIPE_ACCOUNTS_API: 'v1' }).stripe.accountsApi).toBe('V1');
    expect(loadConfig({ STRIPE_ACCOUNTS_API: ' v2 ' }).stripe.accountsApi).toBe('V2');
    expect(configError({ STRIPE_ACCOUNTS_API: 'V1' })).toContain('STRIPE_ACCOUNTS_API: must be v1 or v2');
    expect(configError({ STRIPE_ACCOUNTS_API: 'express' })).toContain('STRIPE_ACCOUNTS_API: must be v1 or v2');
  });

  it('reads several webhook secrets, comma-separated (a v1 endpoint and a v2 event destination, or a rotation)', () => {
    expect(loadConfig({ STRIPE_WEBHOOK_SECRET: 'whsec_one' }).stripe.webhookSecrets).toEqual(['whsec_one']);
    expect(loadConfig({ STRIPE_WEBHOOK_SECRET: 'whsec_one, whsec_two' }).stripe.webhookSecrets).toEqual(['whsec_one', 'whsec_two']);
    expect(configError({ STRIPE_WEBHOOK_SECRET: 'whsec_one,,whsec_two' })).toContain(
      'STRIPE_WEBHOOK_SECRET: must be one or more signing secrets, comma-separated, none empty',
    );
    expect(configError({ STRIPE_WEBHOOK_SECRET: 'whsec_one, ' })).toContain(
      'STRIPE_WEBHOOK_SECRET: must be one or more signing secrets, comma-separated, none empty',
    );
  });

  it('accepts a METRICS_TOKEN of any printable ASCII but spaces', () => {
    const token = 'Az09-._~+/=!#$%&*?@[]{}';
    expect(loadConfig({ METRICS_TOKEN: token }).metrics.token).toBe(token);
  });

  it('rejects public keys of algorithms other than RS256 and ES256', () => {
    const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(configError({ JWT_PUBLIC_KEY: ed })).toContain('JWT_PUBLIC_KEY: use an RSA (RS256) or P-256 EC (ES256) public key');
    expect(configError({ JWT_PUBLIC_KEY: p384 })).toContain('JWT_PUBLIC_KEY: use an RSA (RS256) or P-256 EC (ES256) public key');
  });

  it('pins the algorithm to the key type and accepts a PEM with escaped newlines', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(loadConfig({ JWT_PUBLIC_KEY: rsa.replace(/\n/g, '\\n') }).jwt.verification?.algorithm).toBe('RS256');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(loadConfig({ JWT_PUBLIC_KEY: ec }).jwt.verification?.algorithm).toBe('ES256');
  });
});
