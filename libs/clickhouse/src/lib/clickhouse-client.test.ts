import { describe, expect, it } from 'vitest';
import { withSettingsOnce, type EmbeddedConnection } from './clickhouse-client';

/** A connection that records the statements it is given, in order; SET statements settle when told. */
function recordingConnection() {
  const statements: string[] = [];
  let settle!: (error?: Error) => void;
  const settingsDone = new Promise<void>((resolve, reject) => (settle = (error) => (error ? reject(error) : resolve())));
  const run = (params: { query: string }) => {
    statements.push(params.query);
    return (params.query.startsWith('SET ') ? settingsDone : Promise.resolve()) as Promise<never>;
  };
  const connection = { ping: run, query: run, insert: run, command: run, exec: run, close: () => Promise.resolve() } as unknown as EmbeddedConnection;
  return { connection, statements, settle };
}

describe('withSettingsOnce', () => {
  it('sets the settings once, before any statement, and keeps the statements in their order', async () => {
    const { connection, statements, settle } = recordingConnection();
    const client = withSettingsOnce(connection, { insert_deduplicate: 1, date_time_input_format: 'best_effort' });
    const done = Promise.all([client.query({ query: 'SELECT 1' }), client.insert({ query: 'INSERT INTO t', values: '' } as never), client.command({ query: 'SELECT 2' })]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(statements).toEqual(["SET insert_deduplicate = 1; SET date_time_input_format = 'best_effort'"]);
    settle();
    await done;
    await client.exec({ query: 'SELECT 3' } as never);
    expect(statements.slice(1)).toEqual(['SELECT 1', 'INSERT INTO t', 'SELECT 2', 'SELECT 3']);
  });

  it('fails every statement with the reason the settings failed', async () => {
    const { connection, statements, settle } = recordingConnection();
    const client = withSettingsOnce(connection, { no_such_setting: 1 });
    settle(new Error('Unknown setting no_such_setting'));
    await expect(client.query({ query: 'SELECT 1' })).rejects.toThrow(/no_such_setting/);
    expect(statements).toHaveLength(1);
  });
});
