import { describe, expect, it } from 'vitest';
import type { Decoded, LogMessage } from './project-batch';
import { decodeInSlices } from './projector';

const messages: LogMessage[] = Array.from({ length: 2_500 }, (_, offset) => ({ partition: 0, offset, timestamp: 0, value: null }));

/** Decodes `messages` and says how many were decoded at each turn a task queued at the start (and again at each turn) got. */
async function decodedBeforeOthersRan(writing: boolean): Promise<{ decoded: Decoded[]; seenByOthers: number[] }> {
  let count = 0;
  const seenByOthers: number[] = [];
  const other = () => {
    seenByOthers.push(count);
    if (count < messages.length) setImmediate(other);
  };
  setImmediate(other);
  const decoded = await decodeInSlices(messages, (message) => (count++, { message, deadLetter: {} as never }), () => writing);
  return { decoded, seenByOthers };
}

describe('decodeInSlices', () => {
  it('decodes every message in order, letting others run before each slice only while a write is under way', async () => {
    const whileWriting = await decodedBeforeOthersRan(true);
    expect(whileWriting.decoded.map((d) => d.message.offset)).toEqual(messages.map((m) => m.offset));
    // Before the first slice too: a write queued just now goes first.
    expect(whileWriting.seenByOthers).toEqual([0, 1_000, 2_000]);

    const idle = await decodedBeforeOthersRan(false);
    expect(idle.decoded).toHaveLength(2_500);
    expect(idle.seenByOthers).toEqual([]);
  });
});
