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
      stripe: { secretKey: undefined, apiBase: 'https://api.stripe.com', timeoutMs: 10_000, maxNetworkRetries: 2 },
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
    [{ NODE_ENV: 'production' }, 'JWT_SECRET or JWT_PUBLIC_KEY'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'short' }, 'JWT_SECRET: must be at least 32 characters'],
    [{ JWT_SECRET: SECRET, JWT_PUBLIC_KEY: 'x' }, 'JWT_SECRET, JWT_PUBLIC_KEY'],
    [{ JWT_PUBLIC_KEY: 'not a key' }, 'JWT_PUBLIC_KEY: not a PEM public key'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL: must be a postgres'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ STRIPE_API_BASE: 'ftp://stripe' }, 'STRIPE_API_BASE'],
    [{ STRIPE_TIMEOUT_MS: '-1' }, 'STRIPE_TIMEOUT_MS'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ NODE_ENV: 'production', JWT_SECRET: SECRET, STRIPE_SECRET_KEY: 'sk_test_1' }, 'STRIPE_CONNECT_REFRESH_URL, STRIPE_CONNECT_RETURN_URL: required'],
    [{ STRIPE_CONNECT_RETURN_URL: 'not a url' }, 'STRIPE_CONNECT_RETURN_URL'],
  ])('rejects %j naming the variable', (env, expected) => {
    expect(configError(env)).toContain(expected);
  });

  it('rejects public keys of algorithms other than RS256 and ES256', () => {
    const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(configError({ JWT_PUBLIC_KEY: ed })).toContain('JWT_PUBLIC_KEY');
    expect(configError({ JWT_PUBLIC_KEY: p384 })).toContain('JWT_PUBLIC_KEY');
  });

  it('pins the algorithm to the key type and accepts a PEM with escaped newlines', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(loadConfig({ JWT_PUBLIC_KEY: rsa.replace(/\n/g, '\\n') }).jwt.verification?.algorithm).toBe('RS256');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(loadConfig({ JWT_PUBLIC_KEY: ec }).jwt.verification?.algorithm).toBe('ES256');
  });
});
