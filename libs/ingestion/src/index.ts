export * from './lib/ingestion.module';
export * from './lib/event-log-view';
export * from './lib/openapi';
export * from './lib/submission';
export * from './lib/scorecard-csv';
export * from './lib/commands/impl/submit-events.command';
export * from './lib/log-tail-thread';
export type { TailMessage } from './lib/own-writes';
