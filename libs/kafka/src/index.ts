export * from './lib/kafka-client';
export * from './lib/topics';
export * from './lib/event-publisher';
export * from './lib/log-tail';
export * from './lib/audit-trail';
export * from './lib/stable-offset-watch';
export * from './lib/publisher-thread';
