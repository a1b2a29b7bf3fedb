import 'reflect-metadata';
import { loadConfig } from '@plumbline/config';
import { spaceOutFullCollections } from '@plumbline/server';
import { createProjectorApp } from './projector-app';

async function main(): Promise<void> {
  spaceOutFullCollections();
  const config = loadConfig();
  if (!config.clickhouse.url) console.warn('CLICKHOUSE_URL is not set: projecting into embedded chDB, which no other process can read at the same time.');
  const app = await createProjectorApp(config);
  await app.listen(config.port, config.host);
  console.log(`Plumbline projector running; health and metrics on http://${config.host}:${config.port}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
