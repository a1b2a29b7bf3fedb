import path from 'node:path';
import { createClient, type ClickHouseClient, type ClickHouseClientConfigOptions } from '@clickhouse/client';
import type { PlumblineConfig } from '@plumbline/config';
import { createChdbConnection } from 'chdb/connection';

export type ClickHouseTarget = { mode: 'server'; url: string } | { mode: 'embedded'; path: string };

/** SPEC §1: a ClickHouse server when CLICKHOUSE_URL is set, otherwise chDB under the data dir. */
export function clickHouseTarget(config: Pick<PlumblineConfig, 'clickhouse' | 'dataDir'>): ClickHouseTarget {
  return config.clickhouse.url ? { mode: 'server', url: config.clickhouse.url } : { mode: 'embedded', path: path.resolve(config.dataDir, 'clickhouse') };
}

/**
 * The one way Plumbline reaches ClickHouse: `@clickhouse/client`, over HTTP to a server or over
 * chDB's in-process engine. A chDB data dir can be open in one process only, so in embedded
 * mode every component that needs ClickHouse must share this process.
 */
export function createClickHouse(target: ClickHouseTarget): ClickHouseClient {
  const settings = {
    // Inserts of a retried batch carry the same token; the server then drops the repeat.
    insert_deduplicate: 1,
    date_time_input_format: 'best_effort',
    // Counts as JSON numbers in both modes (chDB and the server differ in their defaults).
    output_format_json_quote_64bit_integers: 0,
  } as const;
  if (target.mode === 'server') {
    return createClient({ url: target.url, clickhouse_settings: settings, request_timeout: 30_000, application: 'plumbline' });
  }
  // chDB types its connection against @clickhouse/client-common, which the client now bundles
  // under its own (structurally equal) types.
  const connection = createChdbConnection({ path: target.path }) as unknown as EmbeddedConnection;
  return createClient({ connection: withSettingsOnce(connection, settings) });
}

export type EmbeddedConnection = NonNullable<ClickHouseClientConfigOptions['connection']>;

/**
 * chDB's session keeps a SET until it ends, while the client would send its settings as SETs
 * before every statement, about half a millisecond each time (a live projector's write is ~5
 * statements). So they are set once, and every statement waits for that.
 */
export function withSettingsOnce(connection: EmbeddedConnection, settings: Record<string, string | number>): EmbeddedConnection {
  const query = Object.entries(settings)
    .map(([name, value]) => `SET ${name} = ${typeof value === 'number' ? value : `'${value}'`}`)
    .join('; ');
  const ready = connection.command({ query });
  ready.catch(() => undefined); // each statement reports it
  const afterSettings =
    <P, R>(run: (params: P) => Promise<R>) =>
    (params: P) =>
      ready.then(() => run(params));
  return {
    // A ping reports on the engine, settings or not; it answers even when they failed.
    ping: (params) => connection.ping(params),
    query: afterSettings((params) => connection.query(params)),
    insert: afterSettings((params) => connection.insert(params)),
    command: afterSettings((params) => connection.command(params)),
    exec: afterSettings((params) => connection.exec(params)),
    close: () => connection.close(),
  };
}
