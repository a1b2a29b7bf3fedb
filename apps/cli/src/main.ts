import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { resolveJwtSecret, roleSchema, signToken } from '@plumbline/auth';
import { loadConfig } from '@plumbline/config';
import { defaultDemoOptions, demoEvents, demoTruth, type DemoOptions } from '@plumbline/demo';
import { auditEntrySchema } from '@plumbline/events';
import { scorecardsFromCsv } from '@plumbline/ingestion';
import { createKafka, startLogTail } from '@plumbline/kafka';
import fs from 'node:fs';
import path from 'node:path';

const usage = `Plumbline command line

  plumbline token --role <role> [--sub <id>] [--expires <duration>]
      Prints a bearer token signed with AUTH_JWT_SECRET (or the data dir's local secret).
      Roles: ${roleSchema.options.join(', ')}. An interviewer's --sub is their interviewerId.

  plumbline replay [--url <platform url>]
      Rebuilds every projection from offset 0 into fresh tables on the running platform
      (default http://127.0.0.1:$PORT), shows progress, and returns once they are live.

  plumbline demo [--url <platform url>] [--candidates 3000] [--interviewers 80] [--months 18] [--seed 7]
      Generates a realistic org with planted miscalibration and drift, sends it through
      POST /v1/events with a progress bar, and writes the ground truth to
      <PLUMBLINE_DATA_DIR>/demo/truth.json. Same options, same events: a re-run adds nothing.

  plumbline audit
      Prints the audit trail (report exports, imports, replays: who, when, what) from
      <KAFKA_TOPIC>.audit, one JSON entry per line, oldest first.

  plumbline import <scorecards.csv> [--url <platform url>] [--rows 2000]
      Imports historical scorecards (one row per scorecard, one column per signal): checks
      every line first and prints a line-numbered report, then sends the file in parts with
      a progress bar. Importing a file again adds nothing.
`;

async function token(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { role: { type: 'string' }, sub: { type: 'string' }, expires: { type: 'string', default: '12h' } } });
  const role = roleSchema.safeParse(values.role);
  if (!role.success) throw new Error(`--role must be one of ${roleSchema.options.join(', ')}`);
  const config = loadConfig();
  const { secret } = resolveJwtSecret(config.auth.jwtSecret, config.dataDir);
  console.log(await signToken({ sub: values.sub ?? `local-${role.data}`, role: role.data }, secret, values.expires));
}

async function localToken(role: 'admin' | 'ingest'): Promise<string> {
  const config = loadConfig();
  const { secret } = resolveJwtSecret(config.auth.jwtSecret, config.dataDir);
  return signToken({ sub: 'plumbline-cli', role }, secret, '1h');
}

async function replay(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { url: { type: 'string' } } });
  const url = values.url ?? `http://127.0.0.1:${loadConfig().port}`;
  const headers = { authorization: `Bearer ${await localToken('admin')}` };
  const started = await fetch(`${url}/v1/admin/replay`, { method: 'POST', headers });
  if (started.status !== 202) throw new Error(`replay refused: ${started.status} ${await started.text()}`);
  const { generation } = (await started.json()) as { generation: number };
  console.log(`Rebuilding projections into generation ${generation}; the current ones keep serving meanwhile.`);
  const bar = new SingleBar({ format: 'replay |{bar}| {value}/{total} events' }, Presets.shades_classic);
  let total = 0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const status = (await (await fetch(`${url}/v1/status`, { headers })).json()) as { generation: number; replay: { lag: { events: number } } | null };
    if (status.replay) {
      if (total === 0) bar.start((total = Math.max(1, status.replay.lag.events)), 0);
      bar.update(Math.max(0, total - status.replay.lag.events));
    } else if (status.generation === generation) {
      if (total > 0) {
        bar.update(total);
        bar.stop();
      }
      console.log(`Generation ${generation} is live.`);
      return;
    }
  }
}

async function postWithRetry(url: string, token: string, events: unknown[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) }).catch(() => null);
    if (res?.status === 202) return;
    // 503 (Kafka busy or still starting), 429 (rate limit) and connection errors are worth
    // retrying, after Retry-After when given; the rest is a bug.
    if (res && res.status !== 503 && res.status !== 429) throw new Error(`POST /v1/events answered ${res.status}: ${await res.text()}`);
    if (attempt === 30) throw new Error('the platform did not accept events after 30 attempts');
    await new Promise((resolve) => setTimeout(resolve, 1_000 * Math.min(60, Number(res?.headers.get('retry-after')) || 1)));
  }
}

async function demo(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { url: { type: 'string' }, candidates: { type: 'string' }, interviewers: { type: 'string' }, months: { type: 'string' }, seed: { type: 'string' }, batch: { type: 'string', default: '2000' } },
  });
  const config = loadConfig();
  const url = values.url ?? `http://127.0.0.1:${config.port}`;
  const number = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number(value));
  const options: DemoOptions = {
    ...defaultDemoOptions,
    candidates: number(values.candidates, defaultDemoOptions.candidates),
    interviewers: number(values.interviewers, defaultDemoOptions.interviewers),
    months: number(values.months, defaultDemoOptions.months),
    seed: number(values.seed, defaultDemoOptions.seed),
  };
  if (![options.candidates, options.interviewers, options.months, options.seed].every((n) => Number.isInteger(n) && n > 0) || options.interviewers < 20) {
    throw new Error('--candidates, --months and --seed must be positive integers, --interviewers at least 20');
  }
  const token = await localToken('ingest');
  const bar = new SingleBar({ format: 'demo data |{bar}| {value}/{total} candidates, {events} events' }, Presets.shades_classic);
  bar.start(options.candidates, 0, { events: 0 });
  const batchSize = number(values.batch, 2_000);
  let batch: unknown[] = [];
  let sent = 0;
  let candidates = 0;
  let lastCandidate = '';
  for (const event of demoEvents(options)) {
    batch.push(event);
    if (event.type === 'ScorecardSubmitted' && event.data.candidateId !== lastCandidate) {
      candidates++;
      lastCandidate = event.data.candidateId;
    }
    if (batch.length >= batchSize) {
      await postWithRetry(url, token, batch);
      sent += batch.length;
      batch = [];
      bar.update(candidates, { events: sent });
    }
  }
  if (batch.length > 0) await postWithRetry(url, token, batch);
  bar.update(options.candidates, { events: sent + batch.length });
  bar.stop();
  const truthFile = path.join(config.dataDir, 'demo', 'truth.json');
  fs.mkdirSync(path.dirname(truthFile), { recursive: true });
  fs.writeFileSync(truthFile, JSON.stringify({ options, truth: demoTruth(options) }, null, 2));
  console.log(`Demo org loaded; ground truth in ${truthFile}`);
}

async function importCsv(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { url: { type: 'string' }, rows: { type: 'string', default: '2000' } } });
  if (positionals.length !== 1) throw new Error('usage: plumbline import <scorecards.csv> [--url URL] [--rows N]');
  const url = values.url ?? `http://127.0.0.1:${loadConfig().port}`;
  const text = fs.readFileSync(positionals[0], 'utf8');
  // Every line checked here first, with the same reader the server uses: nothing is sent
  // while the file has a malformed line.
  const { issues } = scorecardsFromCsv(text);
  if (issues.length > 0) {
    for (const issue of issues) console.error(`line ${issue.line}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`);
    throw new Error(`${issues.length} problem(s) in ${positionals[0]}; nothing was imported`);
  }
  const [header, ...rows] = text.split(/\r?\n/).filter((line, i) => i === 0 || line.trim() !== '');
  const perPart = Math.max(1, Number(values.rows));
  const token = await localToken('ingest');
  const bar = new SingleBar({ format: 'import |{bar}| {value}/{total} rows' }, Presets.shades_classic);
  bar.start(rows.length, 0);
  const total = { accepted: 0, duplicates: 0 };
  for (let start = 0; start < rows.length; start += perPart) {
    const part = [header, ...rows.slice(start, start + perPart)].join('\n');
    const res = await fetch(`${url}/v1/imports/scorecards?firstLine=${start + 1}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: part });
    const body = (await res.json()) as { accepted?: number; duplicates?: number; errors?: { line?: number; path: string; message: string }[] };
    if (res.status !== 202) {
      bar.stop();
      for (const e of body.errors ?? []) console.error(`line ${e.line ?? '?'}: ${e.path ? `${e.path}: ` : ''}${e.message}`);
      throw new Error(`import stopped at rows ${start + 1}–${start + perPart} (HTTP ${res.status}); earlier parts are recorded and count as duplicates when you import again`);
    }
    total.accepted += body.accepted ?? 0;
    total.duplicates += body.duplicates ?? 0;
    bar.update(Math.min(rows.length, start + perPart));
  }
  bar.stop();
  console.log(`Imported ${rows.length} rows: ${total.accepted} new, ${total.duplicates} already recorded.`);
}

async function audit(): Promise<void> {
  const { kafka: kafkaConfig } = loadConfig();
  const tail = await startLogTail(createKafka(kafkaConfig, 'plumbline-cli-audit'), kafkaConfig.auditTopic, (messages) => {
    for (const message of messages) {
      const entry = auditEntrySchema.safeParse(JSON.parse(message.value?.toString() ?? 'null'));
      console.log(entry.success ? JSON.stringify(entry.data) : JSON.stringify({ unreadable: message.value?.toString() }));
    }
  });
  await tail.caughtUp;
  await tail.stop();
}

const commands: Record<string, (args: string[]) => Promise<void>> = { token, replay, demo, import: importCsv, audit };

async function main([command, ...args]: string[]): Promise<void> {
  const run = command ? commands[command] : undefined;
  if (!run) {
    process.stderr.write(usage);
    process.exitCode = 2;
    return;
  }
  await run(args);
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
