import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const topicName = z.string().regex(/^[A-Za-z0-9._-]{1,200}$/, 'must be a Kafka topic name (letters, digits, . _ -)');

/** The environment variables of SPEC §8 plus a few tuning knobs, validated at start. */
const environmentSchema = z.object({
  PORT: port.default(3000),
  /** Interface to listen on: loopback unless a deployment says otherwise (containers use 0.0.0.0). */
  HOST: z.string().min(1).default('127.0.0.1'),
  PLUMBLINE_DATA_DIR: z.string().min(1).default('.data'),
  PLUMBLINE_DEMO: z.enum(['on', 'off']).default('on'),
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'must be comma-separated host:port pairs')
    .optional(),
  KAFKA_PORT: port.default(9092),
  KAFKA_TOPIC: topicName.default('plumbline.events'),
  CLICKHOUSE_URL: z.url().optional(),
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Browser origins allowed to call the API cross-origin (comma-separated); unset: same origin only. */
  CORS_ORIGINS: z
    .string()
    .regex(/^https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*$/, 'must be comma-separated origins such as https://calibration.example.com')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest accepted request body, in bytes (SPEC §3: 413 above it). */
  INGEST_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(16 * 1024 * 1024),
  /** How long a POST waits for Kafka before answering 503 (SPEC §3: within 10 s). */
  INGEST_PUBLISH_TIMEOUT_MS: z.coerce.number().int().min(100).max(9_000).default(8_000),
  /** Names this ingestion instance in its Kafka transactional ids (which producers extend). */
  INGEST_INSTANCE_ID: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be 1–100 letters, digits, . _ -').optional(),
  /** How many recently accepted eventIds ingestion remembers to answer duplicates. */
  INGEST_DEDUP_WINDOW: z.coerce.number().int().positive().default(100_000),
  /** Write requests (POST /v1/events, CSV imports) per principal and minute; above it, 429. */
  RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().positive().default(1_200),
  /** Demo sign-ins per client address and minute. */
  RATE_LIMIT_SIGN_INS_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /** The report worker's V8 heap limit in MiB: bounds what computing a report adds to the process. */
  REPORT_WORKER_HEAP_MIB: z.coerce.number().int().min(64).default(384),
});

export interface PlumblineConfig {
  port: number;
  host: string;
  dataDir: string;
  demo: boolean;
  logLevel: string;
  kafka: {
    /** Brokers to use; `null` means the local broker on 127.0.0.1:localPort. */
    brokers: string[] | null;
    localPort: number;
    topic: string;
    dlqTopic: string;
    auditTopic: string;
  };
  clickhouse: { url: string | null };
  auth: { jwtSecret: string | null };
  corsOrigins: string[];
  ingest: { bodyLimitBytes: number; publishTimeoutMs: number; dedupWindow: number; instanceId: string | null };
  rateLimits: { writesPerMinute: number; signInsPerMinute: number };
  reports: { workerHeapMib: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; throws a `ConfigError` naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): PlumblineConfig {
  // An empty variable means "unset", as in most shells' `VAR= cmd` usage.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.PLUMBLINE_DATA_DIR,
    demo: e.PLUMBLINE_DEMO === 'on',
    logLevel: e.LOG_LEVEL,
    kafka: {
      brokers: e.KAFKA_BROKERS ? e.KAFKA_BROKERS.split(',') : null,
      localPort: e.KAFKA_PORT,
      topic: e.KAFKA_TOPIC,
      dlqTopic: `${e.KAFKA_TOPIC}.dlq`,
      auditTopic: `${e.KAFKA_TOPIC}.audit`,
    },
    clickhouse: { url: e.CLICKHOUSE_URL ?? null },
    auth: { jwtSecret: e.AUTH_JWT_SECRET ?? null },
    corsOrigins: e.CORS_ORIGINS ? e.CORS_ORIGINS.split(',') : [],
    ingest: {
      bodyLimitBytes: e.INGEST_BODY_LIMIT_BYTES,
      publishTimeoutMs: e.INGEST_PUBLISH_TIMEOUT_MS,
      dedupWindow: e.INGEST_DEDUP_WINDOW,
      instanceId: e.INGEST_INSTANCE_ID ?? null,
    },
    rateLimits: { writesPerMinute: e.RATE_LIMIT_WRITES_PER_MINUTE, signInsPerMinute: e.RATE_LIMIT_SIGN_INS_PER_MINUTE },
    reports: { workerHeapMib: e.REPORT_WORKER_HEAP_MIB },
  };
}
