export * from './lib/demo-org';
