import { describe, expect, it } from 'vitest';
import type { Decoded, LogMessage } from './project-batch';
import { decodeInSlices } from './projector';

const messages: LogMessage[] = Array.from({ length: 2_500 }, (_, offset) => ({ partition: 0, offset, timestamp: 0, value: null }));

/** Decodes `messages` and says how many were decoded when a task queued at the start got its turn. */
async function decodedBeforeOthersRan(writing: boolean): Promise<{ decoded: Decoded[]; seenByOthers: number }> {
  let count = 0;
  let seenByOthers = -1;
  setImmediate(() => (seenByOthers = count));
  const decoded = await decodeInSlices(messages, (message) => (count++, { message, deadLetter: {} as never }), () => writing);
  return { decoded, seenByOthers };
}

describe('decodeInSlices', () => {
  it('decodes every message in order, letting others run between slices only while a write is under way', async () => {
    const whileWriting = await decodedBeforeOthersRan(true);
    expect(whileWriting.decoded.map((d) => d.message.offset)).toEqual(messages.map((m) => m.offset));
    expect(whileWriting.seenByOthers).toBe(1_000);

    const idle = await decodedBeforeOthersRan(false);
    expect(idle.decoded).toHaveLength(2_500);
    expect(idle.seenByOthers).toBe(-1);
  });
});
