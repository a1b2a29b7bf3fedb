export * from './lib/clickhouse-client';
export * from './lib/migrations';
