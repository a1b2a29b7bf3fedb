export * from './lib/roles';
export * from './lib/tokens';
export * from './lib/local-secret';
export * from './lib/auth.guard';
export * from './lib/auth.module';
export * from './lib/demo-sign-in.controller';
export * from './lib/rate-limit';
