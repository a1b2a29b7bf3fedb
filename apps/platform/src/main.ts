import 'reflect-metadata';
import { loadConfig } from '@plumbline/config';
import { spaceOutFullCollections } from '@plumbline/server';
import { createPlatformApp } from './platform-app';

async function main(): Promise<void> {
  spaceOutFullCollections();
  const config = loadConfig();
  const app = await createPlatformApp(config);
  await app.listen(config.port, config.host);
  const mode = config.clickhouse.url ? 'ClickHouse server' : 'embedded ClickHouse (chDB)';
  console.log(`Plumbline is running on http://${config.host}:${config.port} (${mode}; API docs at /docs)`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
