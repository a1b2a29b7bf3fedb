import type { PlumblineConfig } from '@plumbline/config';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';

export type KafkaLog = (level: 'error' | 'warn' | 'info' | 'debug', message: string, extra: Record<string, unknown>) => void;

/** The brokers to use: the configured cluster, or the local broker started by `npm start`/`npm test`. */
export function kafkaBrokers(config: PlumblineConfig['kafka']): string[] {
  return config.brokers ?? [`127.0.0.1:${config.localPort}`];
}

/**
 * A KafkaLog for a worker thread: sends each line to the main thread to be logged there. A line's
 * details may hold what cannot cross threads (a socket, say): then the line goes without them.
 */
export function logToMainThread(send: (news: { log: Parameters<KafkaLog> }) => void): KafkaLog {
  return (level, message, extra) => {
    try {
      send({ log: [level, message, extra] });
    } catch {
      send({ log: [level, message, {}] });
    }
  };
}

const levels = { [logLevel.ERROR]: 'error', [logLevel.WARN]: 'warn', [logLevel.INFO]: 'info', [logLevel.DEBUG]: 'debug', [logLevel.NOTHING]: 'debug' } as const;

/**
 * A kafkajs client with timeouts short enough that an unreachable cluster is noticed within
 * seconds (SPEC §3 answers 503 within 10 s), logging through the service's logger.
 */
export function createKafka(config: PlumblineConfig['kafka'], clientId: string, log?: KafkaLog): Kafka {
  return new Kafka({
    clientId,
    brokers: kafkaBrokers(config),
    connectionTimeout: 3_000,
    requestTimeout: 5_000,
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...extra } = entry;
        // kafkajs logs every retriable error response (a coordinator still loading, a previous
        // transaction still closing) as ERROR and warns that limited retries weaken idempotence;
        // all are handled (the request retries; a failed transaction is aborted and reported).
        const routine = message.startsWith('Response ') || message.startsWith('Limiting retries') || message.includes('another concurrent operation on the same transaction');
        if (log) log(routine ? 'debug' : levels[level], message, extra);
      },
  });
}
