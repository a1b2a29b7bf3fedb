import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { AuthGuard, JWT_SECRET } from './auth.guard';

/** Puts the bearer-token guard in front of every route of the application. */
@Module({})
export class AuthModule {
  static forRoot(secret: string): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: JWT_SECRET, useValue: secret },
        { provide: APP_GUARD, useFactory: (reflector: Reflector) => new AuthGuard(reflector, secret), inject: [Reflector] },
      ],
      exports: [JWT_SECRET],
    };
  }
}
