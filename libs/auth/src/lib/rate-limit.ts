import { applyDecorators, HttpException, HttpStatus, Injectable, UseGuards, type ExecutionContext } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard, ThrottlerModule, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';
import type { AuthenticatedRequest } from './auth.guard';

export interface RateLimits {
  /** Write requests (events, imports) per principal and minute. */
  writesPerMinute: number;
  /** Demo sign-ins per client address and minute. */
  signInsPerMinute: number;
}

export const rateLimitModule = ({ writesPerMinute, signInsPerMinute }: RateLimits) =>
  ThrottlerModule.forRoot({
    throttlers: [
      { name: 'writes', ttl: 60_000, limit: writesPerMinute },
      { name: 'signIns', ttl: 60_000, limit: signInsPerMinute },
    ],
  });

/**
 * Counts requests per signed-in principal (a busy producer must not slow others behind the same
 * proxy), or per client address before sign-in, and answers 429 with a standard Retry-After.
 */
@Injectable()
export class PrincipalThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, any>): Promise<string> {
    const principal = (req as AuthenticatedRequest).principal;
    return principal ? `principal:${principal.sub}` : `address:${req.ip}`;
  }

  protected override async throwThrottlingException(context: ExecutionContext, { timeToBlockExpire, limit, ttl }: ThrottlerLimitDetail): Promise<void> {
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(Math.max(1, timeToBlockExpire)));
    const message = `too many requests: at most ${limit} per ${ttl / 1000} s; retry after ${timeToBlockExpire} s`;
    throw new HttpException({ errors: [{ index: null, path: '', message }] }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** Rate-limits a write route (POST /v1/events, CSV import). */
export const WriteRateLimit = () => applyDecorators(SkipThrottle({ signIns: true }), UseGuards(PrincipalThrottlerGuard));
/** Rate-limits a sign-in route. */
export const SignInRateLimit = () => applyDecorators(SkipThrottle({ writes: true }), UseGuards(PrincipalThrottlerGuard));
