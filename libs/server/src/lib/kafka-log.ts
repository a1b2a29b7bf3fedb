import { Logger } from '@nestjs/common';

const logger = new Logger('kafkajs');

/** Routes kafkajs' log lines into the service's JSON log. */
export function kafkaLogToNest(level: 'error' | 'warn' | 'info' | 'debug', message: string, extra: Record<string, unknown>): void {
  logger[level === 'info' ? 'log' : level](`${message} ${JSON.stringify(extra)}`);
}
