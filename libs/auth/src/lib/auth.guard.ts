import { ForbiddenException, Injectable, SetMetadata, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role, Principal } from './roles';
import { AuthenticationError, verifyToken } from './tokens';

const ROLES = 'plumbline:roles';
const PUBLIC = 'plumbline:public';

/** The roles allowed on a route or controller. Routes without `@Roles` or `@Public` are closed. */
export const Roles = (...allowed: Role[]) => SetMetadata(ROLES, allowed);
/** A route anyone may call (health, metrics, docs). */
export const Public = () => SetMetadata(PUBLIC, true);

export const JWT_SECRET = Symbol('JWT_SECRET');

export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Checks the bearer token and the route's roles (SPEC §7): 401 for a missing or bad token,
 * 403 for a role the route does not allow. Closed by default.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly secret: string,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES, targets) ?? [];

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer ([^\s]+)$/.exec(request.headers.authorization ?? '');
    if (!match) throw new UnauthorizedException('Authorization: Bearer <token> is required');
    try {
      request.principal = await verifyToken(match[1], this.secret);
    } catch (error) {
      if (error instanceof AuthenticationError) throw new UnauthorizedException(error.message);
      throw error;
    }
    if (!allowed.includes(request.principal.role)) throw new ForbiddenException(`role ${request.principal.role} may not use this endpoint`);
    return true;
  }
}
