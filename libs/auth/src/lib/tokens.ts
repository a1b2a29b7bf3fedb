import { SignJWT, jwtVerify, errors } from 'jose';
import { z } from 'zod';
import { roleSchema, type Principal } from './roles';

/** The token is missing, malformed, expired, not yet valid or wrongly signed (HTTP 401). */
export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

const claims = z.object({ sub: z.string().min(1).max(128), role: roleSchema });
const keyOf = (secret: string) => new TextEncoder().encode(secret);

/** Signs an HS256 token for `principal`, valid for `expiresIn` (a jose duration such as `12h`). */
export function signToken(principal: Principal, secret: string, expiresIn = '12h'): Promise<string> {
  return new SignJWT({ role: principal.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(keyOf(secret));
}

/** Verifies an HS256 token (and nothing but HS256: `alg: none` and RS/ES tokens are refused). */
export async function verifyToken(token: string, secret: string): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { algorithms: ['HS256'], requiredClaims: ['sub', 'exp'] });
    const parsed = claims.safeParse(payload);
    if (!parsed.success) throw new AuthenticationError('token claims must include sub and a known role');
    return parsed.data;
  } catch (error) {
    if (error instanceof AuthenticationError) throw error;
    if (error instanceof errors.JWTExpired) throw new AuthenticationError('token has expired');
    if (error instanceof errors.JWTClaimValidationFailed) throw new AuthenticationError(`token claim ${error.claim} is not valid`);
    throw new AuthenticationError('token is malformed or wrongly signed');
  }
}
