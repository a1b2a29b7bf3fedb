export * from './lib/clickhouse-client';
export * from './lib/migrations';
export * from './lib/schema';
