import 'reflect-metadata';
import { loadConfig } from '@plumbline/config';
import { spaceOutFullCollections } from '@plumbline/server';
import { createQueryApp } from './query-app';

async function main(): Promise<void> {
  spaceOutFullCollections();
  const config = loadConfig();
  if (!config.clickhouse.url) console.warn('CLICKHOUSE_URL is not set: reading embedded chDB, which only this process may open.');
  const app = await createQueryApp(config);
  await app.listen(config.port, config.host);
  console.log(`Plumbline query API on http://${config.host}:${config.port}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
