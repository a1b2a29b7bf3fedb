import { builtInRubrics, exampleDecisionRecorded, exampleScorecardAmended, exampleScorecardSubmitted, exampleScorecardWithdrawn, mlSystemDesignRubric, rubricPublishedEvent } from '@plumbline/events';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, testConfig, type RunningApp } from '../../../test/support/app';
import { createIngestionApp } from './ingestion-app';
import { readTopic, topicEndOffsets } from '../../../test/support/kafka';

const brokers = inject('kafkaBrokers');
let ingestion: RunningApp;
const topic = () => ingestion.config.kafka.topic;

beforeAll(async () => {
  ingestion = await startApp(createIngestionApp, testConfig(brokers, { CORS_ORIGINS: 'https://calibration.example.test' }));
});
afterAll(() => ingestion?.close());

describe('POST /v1/events against a real broker', () => {
  const submitted = exampleScorecardSubmitted({ scorecardId: 'sc-a', candidateId: 'cand-a' });
  const batch = [
    submitted,
    exampleScorecardSubmitted({ scorecardId: 'sc-b', candidateId: 'cand-b', interviewerId: 'int-2' }),
    exampleScorecardAmended({ scorecardId: 'sc-a' }),
    exampleScorecardWithdrawn({ scorecardId: 'sc-b' }),
    exampleDecisionRecorded({ candidateId: 'cand-a' }),
  ];

  it('creates the event topic (6 partitions, kept forever) and its dead-letter topic', async () => {
    const kafka = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic(), ingestion.config.kafka.dlqTopic] });
      expect(Object.fromEntries(topics.map((t) => [t.name, t.partitions.length]))).toEqual({ [topic()]: 6, [ingestion.config.kafka.dlqTopic]: 1 });
      const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic() }] });
      const config = Object.fromEntries(resources[0].configEntries.map((e) => [e.configName, e.configValue]));
      expect([config['retention.ms'], config['retention.bytes']]).toEqual(['-1', '-1']);
    } finally {
      await admin.disconnect();
    }
  });

  it('bootstraps the topic with the built-in rubrics', async () => {
    const messages = await readTopic(brokers, topic(), builtInRubrics.length);
    expect(messages.map((m) => m.key).sort()).toEqual(builtInRubrics.map((r) => `rubric:${r.rubricId}`).sort());
    expect(messages.map((m) => JSON.parse(m.value).type)).toEqual(builtInRubrics.map(() => 'RubricPublished'));
  });

  it('writes a valid batch and answers 202 only with everything in Kafka, keyed per SPEC §2', async () => {
    const res = await ingestion.post({ events: batch });
    expect(res).toEqual({ status: 202, body: { accepted: 5, duplicates: 0 } });

    const messages = (await readTopic(brokers, topic(), builtInRubrics.length + batch.length)).filter((m) => !m.key?.startsWith('rubric:'));
    const byId = new Map(messages.map((m) => [JSON.parse(m.value).eventId, m]));
    expect(messages).toHaveLength(batch.length);
    for (const event of batch) expect(JSON.parse(byId.get(event.eventId)!.value)).toEqual(event);
    expect(batch.map((e) => byId.get(e.eventId)!.key)).toEqual(['cand-a', 'cand-b', 'cand-a', 'cand-b', 'cand-a']);
    // One candidate, one partition: the amendment can never overtake its submission.
    expect(byId.get(batch[2].eventId)!.partition).toBe(byId.get(batch[0].eventId)!.partition);
  });

  it('counts re-sent events as duplicates and writes nothing', async () => {
    const before = await topicEndOffsets(brokers, topic());
    const res = await ingestion.post({ events: batch });
    expect(res).toEqual({ status: 202, body: { accepted: 0, duplicates: 5 } });
    const single = await ingestion.post(batch[4]);
    expect(single).toEqual({ status: 202, body: { accepted: 0, duplicates: 1 } });
    expect(await topicEndOffsets(brokers, topic())).toBe(before);
  });

  it('counts an event repeated within a batch once', async () => {
    const decision = exampleDecisionRecorded({ candidateId: 'cand-c', decision: 'no_hire', finalLevel: undefined });
    const res = await ingestion.post({ events: [decision, decision, decision] });
    expect(res).toEqual({ status: 202, body: { accepted: 1, duplicates: 2 } });
  });

  it('refuses a batch with schema errors as a whole, listing every error, and writes nothing', async () => {
    const before = await topicEndOffsets(brokers, topic());
    const good = exampleScorecardSubmitted({ scorecardId: 'sc-new-1' });
    const badRating = exampleScorecardSubmitted({ scorecardId: 'sc-new-2', ratings: [{ signal: 'modeling', rating: 2.5 }] });
    const badType = { ...exampleDecisionRecorded(), type: 'DecisionMade' };
    const res = await ingestion.post({ events: [good, badRating, badType, { ...good, eventId: 'x', occurredAt: '2026-02-30T00:00:00Z' }] });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => [e.index, e.path])).toEqual([
      [1, 'data.ratings.0.rating'],
      [2, 'type'],
      [3, 'eventId'],
      [3, 'occurredAt'],
    ]);
    for (const error of res.body.errors) expect(error.message).toEqual(expect.any(String));
    expect(await topicEndOffsets(brokers, topic())).toBe(before);
  });

  it('refuses events naming unknown rubrics, signals, scale values, levels or scorecards with 422', async () => {
    const before = await topicEndOffsets(brokers, topic());
    const res = await ingestion.post({
      events: [
        exampleScorecardSubmitted({ scorecardId: 'sc-ok' }),
        exampleScorecardSubmitted({ scorecardId: 'sc-x1', rubricId: 'no-such-rubric' }),
        exampleScorecardSubmitted({ scorecardId: 'sc-x2', ratings: [{ signal: 'vibes', rating: 9 }], targetLevel: 'wizard' }),
        exampleScorecardAmended({ scorecardId: 'sc-never' }),
        exampleDecisionRecorded({ finalLevel: 'emperor' }),
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: any) => [e.index, e.path])).toEqual([
      [1, 'data.rubricVersion'],
      [2, 'data.ratings.0.signal'],
      [2, 'data.ratings.0.rating'],
      [2, 'data.targetLevel'],
      [3, 'data.scorecardId'],
      [4, 'data.finalLevel'],
    ]);
    expect(await topicEndOffsets(brokers, topic())).toBe(before);
  });

  it('makes a published rubric usable by the very next request', async () => {
    const coding = { ...mlSystemDesignRubric, rubricId: 'coding', signals: [{ key: 'correctness', name: 'Correctness' }], overallGuidance: undefined };
    const scorecard = exampleScorecardSubmitted({ scorecardId: 'sc-coding', rubricId: 'coding', ratings: [{ signal: 'correctness', rating: 4 }] });
    expect((await ingestion.post(scorecard)).status).toBe(422);
    expect((await ingestion.post(rubricPublishedEvent(coding))).status).toBe(202);
    expect(await ingestion.post(scorecard)).toEqual({ status: 202, body: { accepted: 1, duplicates: 0 } });
  });

  it('answers 413 over the body limit and 400 for malformed JSON or the wrong content type', async () => {
    const huge = JSON.stringify({ events: [{ ...exampleDecisionRecorded(), padding: 'x'.repeat(ingestion.config.ingest.bodyLimitBytes) }] });
    expect((await ingestion.post(huge)).status).toBe(413);
    const malformed = await ingestion.post('{"events": [');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].message).toMatch(/not valid JSON/);
    const asText = await ingestion.post(JSON.stringify(batch[0]), 'ingest', {
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${await ingestion.token('ingest')}` },
    });
    expect(asText.status).toBe(400);
    expect(asText.body.errors[0].message).toMatch(/Content-Type/);
  });

  it('answers 401 without a valid token and 403 for roles that may not write', async () => {
    const noToken = await fetch(`${ingestion.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);
    const badToken = await fetch(`${ingestion.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer nope' }, body: '{}' });
    expect(badToken.status).toBe(401);
    for (const role of ['hiring_lead', 'recruiting_ops', 'interviewer'] as const) expect((await ingestion.post(batch[0], role)).status).toBe(403);
    expect((await ingestion.post(batch[0], 'admin')).status).toBe(202);
  });

  it('sends security headers, and CORS only to the configured origins', async () => {
    const res = await fetch(`${ingestion.url}/health`, { headers: { origin: 'https://calibration.example.test' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('access-control-allow-origin')).toBe('https://calibration.example.test');
    const other = await fetch(`${ingestion.url}/health`, { headers: { origin: 'https://evil.example.test' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves /health, /metrics and the OpenAPI document', async () => {
    const health = (await (await fetch(`${ingestion.url}/health`)).json()) as any;
    expect(health).toMatchObject({ status: 'ok', live: true, ready: true, dependencies: { kafka: { status: 'up' }, eventLog: { status: 'up' } } });
    const metrics = await (await fetch(`${ingestion.url}/metrics`)).text();
    expect(metrics).toMatch(/plumbline_ingest_events_accepted_total\{type="ScorecardSubmitted"\} \d+/);
    expect(metrics).toMatch(/plumbline_ingest_events_duplicate_total \d+/);
    expect(metrics).toMatch(/plumbline_ingest_events_rejected_total\{reason="semantic"\} \d+/);
    expect(metrics).toContain('plumbline_ingest_publish_seconds_bucket');
    const openapi = (await (await fetch(`${ingestion.url}/docs/openapi.json`)).json()) as any;
    expect(openapi.paths['/v1/events'].post).toBeDefined();
    expect(openapi.components.schemas.Event.oneOf ?? openapi.components.schemas.Event.anyOf).toHaveLength(5);
  });
});

describe('POST /v1/imports/scorecards (CSV)', () => {
  const header = 'scorecard_id,candidate_id,interviewer_id,rubric_id,rubric_version,target_level,overall,interviewed_at,modeling,deployment';
  const postCsv = async (csv: string, role: 'ingest' | 'recruiting_ops' | 'hiring_lead' = 'recruiting_ops') => {
    const res = await fetch(`${ingestion.url}/v1/imports/scorecards`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${await ingestion.token(role)}` }, body: csv });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('imports a file, and recognises a re-import as duplicates', async () => {
    const csv = [header, 'imp-1,cand-i1,int-9,ml-system-design,1,senior,hire,2026-02-01T10:00:00Z,3,4', 'imp-2,cand-i2,int-9,ml-system-design,1,mid,no_hire,2026-02-02T10:00:00Z,2,'].join('\n');
    expect(await postCsv(csv)).toEqual({ status: 202, body: { rows: 2, accepted: 2, duplicates: 0 } });
    expect(await postCsv(csv)).toEqual({ status: 202, body: { rows: 2, accepted: 0, duplicates: 2 } });
  });

  it('answers every bad line with its number and column, and writes nothing', async () => {
    const before = await topicEndOffsets(brokers, topic());
    const csv = [header, 'imp-3,cand-i3,int-9,ml-system-design,1,senior,hire,2026-02-01T10:00:00Z,3,4', 'imp-4,cand-i4,int-9,ml-system-design,1,senior,maybe,2026-02-01T10:00:00Z,5,4'].join('\n');
    const res = await postCsv(csv);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => [e.line, e.path])).toEqual([[3, 'overall']]);
    const unknown = await postCsv([header, 'imp-5,cand-i5,int-9,ml-system-design,1,senior,hire,2026-02-01T10:00:00Z,7,4'].join('\n'));
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.map((e: any) => [e.line, e.path])).toEqual([[2, 'modeling']]);
    expect(await topicEndOffsets(brokers, topic())).toBe(before);
  });

  it('is open to recruiting ops, not to hiring leads', async () => {
    expect((await postCsv(header, 'hiring_lead')).status).toBe(403);
  });
});
