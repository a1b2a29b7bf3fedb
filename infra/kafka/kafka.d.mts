// Types for kafka.mjs, which stays plain JavaScript so it runs before `npm install`.
export interface LocalKafka {
  pid: number;
  port: number;
  /** False when an already running broker of the data dir was reused. */
  started: boolean;
  stop(): Promise<void>;
}
export function kafkaVersion(): string;
export function cacheDir(env?: NodeJS.ProcessEnv): string;
export function provisionKafka(options?: { env?: NodeJS.ProcessEnv; log?: (message: string) => void }): string;
export function startKafka(options: { dataDir: string; port: number; env?: NodeJS.ProcessEnv; log?: (message: string) => void; detached?: boolean }): Promise<LocalKafka>;
export function stopKafka(options: { dataDir: string }): Promise<boolean>;
export function resolveHangingTransactions(options: { bootstrap: string; topic: string; minAgeMs?: number; dryRun?: boolean; env?: NodeJS.ProcessEnv }): string;
