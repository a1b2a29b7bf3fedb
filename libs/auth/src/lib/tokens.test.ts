import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from './tokens';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';

describe('verifyToken', () => {
  it('returns the principal of a token it signed', async () => {
    const token = await signToken({ sub: 'int-7', role: 'interviewer' }, secret);
    await expect(verifyToken(token, secret)).resolves.toEqual({ sub: 'int-7', role: 'interviewer' });
  });

  it.each([
    ['wrongly signed', async () => signToken({ sub: 'x', role: 'admin' }, 'another-secret-that-is-also-long-enough'), /wrongly signed/],
    ['expired', async () => new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(new TextEncoder().encode(secret)), /expired/],
    ['not yet valid', async () => new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').setNotBefore('30m').sign(new TextEncoder().encode(secret)), /nbf/],
    ['alg none', async () => new UnsecuredJWT({ role: 'admin' }).setSubject('x').setExpirationTime('1h').encode(), /malformed/],
    ['an unknown role', async () => new SignJWT({ role: 'root' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').sign(new TextEncoder().encode(secret)), /role/],
    ['without expiry', async () => new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').sign(new TextEncoder().encode(secret)), /exp/],
    ['garbage', async () => 'not.a.token', /malformed/],
  ])('refuses a token that is %s', async (_, make, message) => {
    await expect(verifyToken(await make(), secret)).rejects.toThrow(message);
  });

  it('refuses a token whose role was tampered with', async () => {
    const [header, , signature] = (await signToken({ sub: 'int-7', role: 'interviewer' }, secret)).split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'int-7', role: 'admin', exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
    await expect(verifyToken(`${header}.${payload}.${signature}`, secret)).rejects.toThrow(/wrongly signed/);
  });
});

describe('jwtSecretFor', () => {
  it('refuses server mode without a configured secret, and uses the configured one', async () => {
    const { jwtSecretFor } = await import('./local-secret');
    expect(() => jwtSecretFor({ auth: { jwtSecret: null }, dataDir: '/nonexistent', clickhouse: { url: 'http://ch:8123' } })).toThrow(/AUTH_JWT_SECRET must be set/);
    expect(jwtSecretFor({ auth: { jwtSecret: secret }, dataDir: '/nonexistent', clickhouse: { url: 'http://ch:8123' } })).toEqual({ secret, generated: false });
  });
});
