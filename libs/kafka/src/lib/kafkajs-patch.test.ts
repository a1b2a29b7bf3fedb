import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// kafkajs's own encoder and decoder (internal modules, untyped), as the consumer uses them.
const kafkajs = createRequire(__filename);
const { RecordBatch } = kafkajs('kafkajs/src/protocol/recordBatch/v0');
const Record = kafkajs('kafkajs/src/protocol/recordBatch/record/v0');
const decodeRecordBatch = kafkajs('kafkajs/src/protocol/recordBatch/v0/decoder');
const Decoder = kafkajs('kafkajs/src/protocol/decoder');
const Long = kafkajs('kafkajs/src/utils/long');
const Batch = kafkajs('kafkajs/src/consumer/batch');

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

/** patches/kafkajs+2.2.4.patch: record decoding without a BigInt per record, same results. */
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
