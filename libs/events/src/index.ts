export * from './lib/event-schemas';
export * from './lib/parse-event';
export * from './lib/built-in-rubrics';
export * from './lib/log-catalog';
export * from './lib/validate-against-log';
export * from './lib/event-key';
export * from './lib/rubric-events';
export * from './lib/examples';
