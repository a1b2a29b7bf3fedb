import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The HS256 secret: AUTH_JWT_SECRET when set; otherwise, in local mode, one generated once per
 * data dir and kept in `<dataDir>/auth/jwt-secret` (mode 0600), so tokens survive restarts
 * without a secret ever living in the repository.
 */
export function resolveJwtSecret(configured: string | null, dataDir: string): { secret: string; generated: boolean } {
  if (configured) return { secret: configured, generated: false };
  const file = path.join(dataDir, 'auth', 'jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process created it first; use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return { secret: fs.readFileSync(file, 'utf8').trim(), generated: true };
}

/**
 * The secret for an app. With a ClickHouse server configured (server mode: a deployment),
 * AUTH_JWT_SECRET is required — a generated secret there would also switch on the local demo
 * sign-in, and tokens signed by the identity provider would not verify.
 * @throws when server mode runs without AUTH_JWT_SECRET.
 */
export function jwtSecretFor(config: { auth: { jwtSecret: string | null }; dataDir: string; clickhouse: { url: string | null } }): { secret: string; generated: boolean } {
  if (config.clickhouse.url && !config.auth.jwtSecret) {
    throw new Error('AUTH_JWT_SECRET must be set when CLICKHOUSE_URL is (server mode); the generated local secret and demo sign-in are for local use only');
  }
  return resolveJwtSecret(config.auth.jwtSecret, config.dataDir);
}
