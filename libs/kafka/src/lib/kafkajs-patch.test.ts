import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';

// kafkajs's own encoder and decoder (internal modules, untyped), as the consumer uses them.
const kafkajs = createRequire(__filename);
const { RecordBatch } = kafkajs('kafkajs/src/protocol/recordBatch/v0');
const Record = kafkajs('kafkajs/src/protocol/recordBatch/record/v0');
const decodeRecordBatch = kafkajs('kafkajs/src/protocol/recordBatch/v0/decoder');
const Decoder = kafkajs('kafkajs/src/protocol/decoder');
const Long = kafkajs('kafkajs/src/utils/long');
const Batch = kafkajs('kafkajs/src/consumer/batch');
const RequestQueue = kafkajs('kafkajs/src/network/requestQueue');

interface DecodedRecord {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | Buffer[]>;
}

async function roundTrip(firstOffset: string, firstTimestamp: number, records: { timestampDelta: number; key: string | null; value: string; headers?: Record<string, Buffer | Buffer[]> }[]): Promise<DecodedRecord[]> {
  const encoded = records.map((r, offsetDelta) => Record({ offsetDelta, timestampDelta: r.timestampDelta, key: r.key === null ? null : Buffer.from(r.key), value: Buffer.from(r.value), headers: r.headers ?? {} }));
  const batch = await RecordBatch({ firstOffset: Long.fromValue(firstOffset), firstTimestamp, maxTimestamp: firstTimestamp, lastOffsetDelta: records.length - 1, records: encoded });
  return (await decodeRecordBatch(new Decoder(batch.buffer))).records;
}

/** patches/kafkajs+2.2.4.patch: record decoding without a BigInt per record, same results; no idle timer loop. */
describe('kafkajs as patched', () => {
  it('is patched (npm install applies patches/ in its postinstall)', () => {
    const decoder = fs.readFileSync(kafkajs.resolve('kafkajs/src/protocol/recordBatch/record/v0/decoder.js'), 'utf8');
    expect(decoder, 'kafkajs is not patched: run `npm install` (not with --ignore-scripts)').toContain('Plumbline patch');
  });

  it('decodes offsets, timestamps, keys, values and headers as kafkajs did', async () => {
    const decoded = await roundTrip('1000', 1_700_000_000_000, [
      { timestampDelta: 0, key: 'c-1', value: '{"a":1}', headers: { eventId: Buffer.from('e-1') } },
      { timestampDelta: 5, key: null, value: '{"a":2}' },
      { timestampDelta: -3, key: 'c-2', value: '{"a":3}', headers: { eventId: Buffer.from('e-3'), tag: [Buffer.from('x'), Buffer.from('y')] } },
    ]);
    expect(decoded.map((r) => r.offset)).toEqual(['1000', '1001', '1002']);
    expect(decoded.map((r) => r.timestamp)).toEqual(['1700000000000', '1700000000005', '1699999999997']);
    expect(decoded.map((r) => r.key?.toString() ?? null)).toEqual(['c-1', null, 'c-2']);
    expect(decoded.map((r) => r.value?.toString())).toEqual(['{"a":1}', '{"a":2}', '{"a":3}']);
    expect(decoded[0].headers['eventId'].toString()).toBe('e-1');
    expect(decoded[1].headers).toEqual({});
    expect((decoded[2].headers['tag'] as Buffer[]).map(String)).toEqual(['x', 'y']);
  });

  it('stays exact where numbers would not be: offsets past 2^53 and timestamp deltas of more than 49 bits', async () => {
    const decoded = await roundTrip('9007199254740991', 1_000, [
      { timestampDelta: 0, key: 'k', value: 'v' },
      { timestampDelta: 2 ** 50, key: 'k', value: 'v' },
    ]);
    expect(decoded.map((r) => r.offset)).toEqual(['9007199254740991', '9007199254740992']);
    expect(decoded.map((r) => r.timestamp)).toEqual(['1000', String(1_000n + 2n ** 50n)]);
  });

  it('drops the messages before the fetched offset from a consumer batch', async () => {
    const messages = await roundTrip('40', 1_000, [0, 1, 2, 3].map(() => ({ timestampDelta: 0, key: 'k', value: 'v' })));
    const batch = new Batch('topic', '42', { partition: 0, highWatermark: '44', messages });
    expect(batch.messages.map((m: DecodedRecord) => m.offset)).toEqual(['42', '43']);
    const far = await roundTrip('9007199254740990', 1_000, [0, 1, 2, 3].map(() => ({ timestampDelta: 0, key: 'k', value: 'v' })));
    expect(new Batch('topic', '9007199254740992', { partition: 0, highWatermark: '9007199254740994', messages: far }).messages.map((m: DecodedRecord) => m.offset)).toEqual(['9007199254740992', '9007199254740993']);
  });
});

/** A connection's request queue, sending into `sent` (the socket's part) instead of a socket. */
function requestQueue(maxInFlightRequests: number | null) {
  const silent = () => undefined;
  const queue = new RequestQueue({ maxInFlightRequests, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 'test', broker: 'localhost:9092', logger: { debug: silent, info: silent, warn: silent, error: silent } });
  const sent: number[] = [];
  let nextId = 0;
  const push = () => {
    const correlationId = nextId++;
    const answered = new Promise((resolve, reject) => queue.push({ entry: { correlationId, apiName: 'Fetch', apiKey: 1, apiVersion: 11, resolve, reject }, expectResponse: true, sendRequest: () => sent.push(correlationId) }));
    return { correlationId, answered };
  };
  const answer = (correlationId: number) => queue.fulfillRequest({ correlationId, payload: Buffer.alloc(0), size: 0 });
  return { queue, sent, push, answer };
}

describe('kafkajs request queue as patched (kafkajs#1556)', () => {
  afterEach(() => vi.useRealTimers());

  it('schedules nothing once every request is answered: unpatched, each answer started a 1 ms timer loop', async () => {
    vi.useFakeTimers();
    const { queue, push, answer } = requestQueue(null);
    const request = push();
    answer(request.correlationId);
    await request.answered;
    expect(queue.throttleCheckTimeoutId).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('still sends a request held back by the in-flight limit when the one before it is answered', async () => {
    const { sent, push, answer } = requestQueue(1);
    const first = push();
    const second = push();
    expect(sent).toEqual([first.correlationId]);
    answer(first.correlationId);
    expect(sent).toEqual([first.correlationId, second.correlationId]);
    answer(second.correlationId);
    await Promise.all([first.answered, second.answered]);
  });

  it('still sends a request held back by throttling once the throttle ends', async () => {
    vi.useFakeTimers();
    const { queue, sent, push } = requestQueue(null);
    queue.maybeThrottle(50);
    const request = push();
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(60);
    expect(sent).toEqual([request.correlationId]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
