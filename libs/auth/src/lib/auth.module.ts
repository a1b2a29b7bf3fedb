import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { AuthGuard, JWT_SECRET } from './auth.guard';
import { DemoSignInController } from './demo-sign-in.controller';
import { rateLimitModule, type RateLimits } from './rate-limit';

/** Puts the bearer-token guard in front of every route of the application, and sets the rate limits. */
@Module({})
export class AuthModule {
  /** `demoSignIn` mounts POST /v1/auth/demo-token: for local mode only, with a generated secret. */
  static forRoot(secret: string, { demoSignIn = false, rateLimits }: { demoSignIn?: boolean; rateLimits: RateLimits }): DynamicModule {
    return {
      module: AuthModule,
      imports: [rateLimitModule(rateLimits)],
      controllers: demoSignIn ? [DemoSignInController] : [],
      providers: [
        { provide: JWT_SECRET, useValue: secret },
        { provide: APP_GUARD, useFactory: (reflector: Reflector) => new AuthGuard(reflector, secret), inject: [Reflector] },
      ],
      exports: [JWT_SECRET],
    };
  }
}
