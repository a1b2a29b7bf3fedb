import { BadRequestException, Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { JWT_SECRET, Public } from './auth.guard';
import { SignInRateLimit } from './rate-limit';
import { roleSchema } from './roles';
import { signToken } from './tokens';

const request = z.strictObject({ role: roleSchema, sub: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}$/).optional() });

/**
 * Local mode only (no AUTH_JWT_SECRET configured): sign in as any role without a password, so
 * the demo can be explored from every seat. Never mounted when a secret is configured.
 */
@ApiTags('auth')
@Controller('v1/auth')
export class DemoSignInController {
  constructor(@Inject(JWT_SECRET) private readonly secret: string) {}

  @Post('demo-token')
  @Public()
  @SignInRateLimit()
  @ApiOperation({ summary: 'Local demo sign-in: a token for any role (an interviewer signs in as int-001 unless sub says otherwise)' })
  async demoToken(@Body() body: unknown) {
    const parsed = request.safeParse(body);
    if (!parsed.success) throw new BadRequestException({ errors: parsed.error.issues.map((i) => ({ index: null, path: i.path.join('.'), message: i.message })) });
    const { role } = parsed.data;
    const sub = parsed.data.sub ?? (role === 'interviewer' ? 'int-001' : `demo-${role}`);
    return { token: await signToken({ sub, role }, this.secret, '8h'), role, sub, expiresIn: '8h' };
  }
}
