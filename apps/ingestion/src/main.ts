import 'reflect-metadata';
import { loadConfig } from '@plumbline/config';
import { spaceOutFullCollections } from '@plumbline/server';
import { createIngestionApp } from './ingestion-app';

async function main(): Promise<void> {
  spaceOutFullCollections();
  const config = loadConfig();
  const app = await createIngestionApp(config);
  await app.listen(config.port, config.host);
  console.log(`Plumbline ingestion listening on http://${config.host}:${config.port} (API docs at /docs)`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
