// The 1M memory peak in about 4 minutes instead of the bench's 12: produces a generated org's
// events straight to a fresh topic, starts the platform on it, waits until it has projected them
// and then asks each report route once, cold. After each step it prints the platform's memory by
// part: resident set and its high-water mark, file-backed share, main-thread heap (total and
// used), external memory, report-worker heap, and the process's CPU seconds so far.
//   KAFKA_BROKERS=… node -r @swc-node/register test/load/memory-probe.ts [candidates]
import fs from 'node:fs';
import { defaultDemoOptions, demoEvents } from '@plumbline/demo';
import { eventKey, LogCatalog } from '@plumbline/events';
import { createKafka } from '@plumbline/kafka';
import { Partitioners } from 'kafkajs';
import { client, waitUntil } from '../support/app';
import { freePort } from '../support/free-port';
import { PlatformProcess } from '../support/platform-process';

const candidates = Number(process.argv[2] ?? 225_000);
const brokers = process.env.KAFKA_BROKERS;

async function main(): Promise<void> {
  if (!brokers) throw new Error('memory-probe: set KAFKA_BROKERS');
  const topic = `plumbline.memory-probe.${Date.now()}`;
  const dataDir = fs.mkdtempSync('/tmp/plumbline-memory-probe-');
  const platformProcess = new PlatformProcess({ PORT: String(await freePort()), KAFKA_BROKERS: brokers, KAFKA_TOPIC: topic, PLUMBLINE_DATA_DIR: dataDir });
  try {
    await platformProcess.start();
    const platform = client(platformProcess.url);
    const events = [...demoEvents({ ...defaultDemoOptions, candidates })];
    // Rubrics first, as ingestion would have accepted them; keyed and headed as ingestion writes
    // (an amendment by its scorecard's candidate, which the catalog knows).
    const ordered = [...events.filter((e) => e.type === 'RubricPublished'), ...events.filter((e) => e.type !== 'RubricPublished')];
    const catalog = new LogCatalog();
    const producer = createKafka({ brokers: brokers.split(','), localPort: 0, topic: '', dlqTopic: '', auditTopic: '' }, 'memory-probe').producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    for (let i = 0; i < ordered.length; i += 2_000) {
      const messages = ordered.slice(i, i + 2_000).map((e) => {
        catalog.apply(e);
        return { key: eventKey(e, catalog), value: JSON.stringify(e), headers: { eventId: e.eventId } };
      });
      await producer.send({ topic, acks: -1, messages });
    }
    await producer.disconnect();
    await waitUntil(async () => (await platform.get('/v1/status')).body.lag.events === 0, 900_000, 1_000);
    console.log(`${ordered.length} events projected`, await memoryOf(platformProcess));
    for (const [index, route] of ['/v1/interviewers', '/v1/signals', '/v1/flags', '/v1/interviewers/int-001'].entries()) {
      const started = performance.now();
      await platform.get(`${route}?to=2100-01-${index + 10}`, 'hiring_lead');
      console.log(`${route} cold in ${Math.round(performance.now() - started)} ms`, await memoryOf(platformProcess));
    }
  } finally {
    await platformProcess.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function memoryOf(platformProcess: PlatformProcess) {
  const metrics = await (await fetch(`${platformProcess.url}/metrics`)).text();
  const mib = (name: string) => Math.round(Number(new RegExp(`^${name} (\\S+)`, 'm').exec(metrics)?.[1] ?? 0) / 2 ** 20);
  const status = fs.readFileSync(`/proc/${platformProcess.pid}/status`, 'utf8');
  const statusMib = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]) / 1024);
  const [utime, stime] = fs.readFileSync(`/proc/${platformProcess.pid}/stat`, 'utf8').split(') ')[1].split(' ').slice(11, 13).map(Number);
  return {
    rssMiB: statusMib('VmRSS'),
    peakRssMiB: statusMib('VmHWM'),
    fileBackedMiB: statusMib('RssFile'),
    mainHeapMiB: mib('plumbline_process_nodejs_heap_size_total_bytes'),
    mainHeapUsedMiB: mib('plumbline_process_nodejs_heap_size_used_bytes'),
    externalMiB: mib('plumbline_process_nodejs_external_memory_bytes'),
    reportWorkerHeapMiB: mib('plumbline_report_worker_heap_bytes'),
    cpuSeconds: (utime + stime) / 100,
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
