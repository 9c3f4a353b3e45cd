// `npm run token -- <userId> [ttlSeconds]`: prints an HS256 access token for
// local testing, signed with JWT_SECRET, or with the dev secret local mode uses.
import jwt from 'jsonwebtoken';
import { type AppConfig, ConfigError, hs256Verification, loadConfig } from '../common/config/app-config';
import { DEV_JWT_SECRET } from '../local/local-mode';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** A configuration error is the user's to fix: its message, which names the setting, without a stack trace. */
function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Outside local mode (DATABASE_URL set, or NODE_ENV production/test) there is no dev secret to sign with.
    fail(`npm run token: ${error.message}`);
  }
}

const [userId = 'user_demo_active', ttl = '3600'] = process.argv.slice(2);
const config = loadConfigOrExit();
const verification = config.jwt.verification ?? hs256Verification(DEV_JWT_SECRET);
if (verification.algorithm !== 'HS256') {
  fail('JWT_PUBLIC_KEY is set: tokens must come from the auth service that holds the private key.');
}
const token = jwt.sign({}, verification.key, {
  algorithm: 'HS256',
  subject: userId,
  expiresIn: Number(ttl),
  ...(config.jwt.issuer && { issuer: config.jwt.issuer }),
  ...(config.jwt.audience && { audience: config.jwt.audience }),
});
process.stdout.write(`${token}\n`);
