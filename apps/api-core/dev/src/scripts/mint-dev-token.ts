// `npm run token -- <userId> [ttlSeconds]`: prints an HS256 access token for
// local testing, signed with JWT_SECRET, or with the dev secret local mode uses.
import { type AppConfig, ConfigError, loadConfig } from '@creator-payouts/api-core/common/config/app-config';
import { signDevToken } from '../dev-token';

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
let token: string;
try {
  token = signDevToken(config.jwt, userId, Number(ttl));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  fail(error.message);
}
process.stdout.write(`${token}\n`);
