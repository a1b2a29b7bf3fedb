export * from './lib/health';
export * from './lib/metrics';
export * from './lib/server.module';
export * from './lib/create-http-app';
export * from './lib/kafka-log';
export * from './lib/heap-growth';
