// `npm run token -- <userId> [ttlSeconds]`: prints an HS256 access token for
// local testing, signed with JWT_SECRET, or with the dev secret local mode uses.
import jwt from 'jsonwebtoken';
import { hs256Verification, loadConfig } from '../common/config/app-config';
import { DEV_JWT_SECRET } from '../local/local-mode';

const [userId = 'user_demo_active', ttl = '3600'] = process.argv.slice(2);
const config = loadConfig();
const verification = config.jwt.verification ?? hs256Verification(DEV_JWT_SECRET);
if (verification.algorithm !== 'HS256') {
  process.stderr.write('JWT_PUBLIC_KEY is set: tokens must come from the auth service that holds the private key.\n');
  process.exit(1);
}
const token = jwt.sign({}, verification.key, {
  algorithm: 'HS256',
  subject: userId,
  expiresIn: Number(ttl),
  ...(config.jwt.issuer && { issuer: config.jwt.issuer }),
  ...(config.jwt.audience && { audience: config.jwt.audience }),
});
process.stdout.write(`${token}\n`);
