import type { LogMessage } from './project-batch';
import type { PartitionPosition } from './projection-store';

/** One partition's batch of a fetch, as the projector reads it. */
export interface PartitionBatch {
  partition: number;
  /** The batch's first and last offsets; the last may be past the last message (transaction markers). */
  firstOffset: number;
  lastOffset: number;
  messages: LogMessage[];
}

/** A part of a fetch written on its own: the next messages of each partition in it. */
export interface FetchPart {
  messages: LogMessage[];
  /** Where each partition's messages in this part begin (the rewind point of a first part). */
  starts: { partition: number; firstOffset: number }[];
  /** Where each partition's projection has got to once this part is written. */
  positions: PartitionPosition[];
}

/**
 * Splits a fetch into parts of `firstPartSize` messages, then four, sixteen times as many and so
 * on (the last taking the rest), each taking the same share of every partition's batch;
 * `Infinity` gives one part. Growing parts let the first write start early, while the later,
 * larger ones keep the number of writes (and their fixed costs) small. Equal shares keep a
 * fetch's early events (a rubric published before the scorecards that name it) in the early parts.
 */
export function splitFetch(batches: PartitionBatch[], firstPartSize: number): FetchPart[] {
  const total = batches.reduce((sum, b) => sum + b.messages.length, 0);
  const parts: FetchPart[] = [];
  let taken = 0;
  for (let size = firstPartSize; taken < total; size *= 4) {
    const from = taken;
    taken = Math.min(total, taken + size);
    if (total - taken < firstPartSize) taken = total; // no last part smaller than the first
    const pieces: LogMessage[][] = [];
    const starts: FetchPart['starts'] = [];
    const positions: PartitionPosition[] = [];
    for (const batch of batches) {
      const n = batch.messages.length;
      const start = Math.round((n * from) / total);
      const end = taken === total ? n : Math.round((n * taken) / total);
      if (end === start) continue;
      const messages = batch.messages.slice(start, end);
      const last = messages[messages.length - 1];
      pieces.push(messages);
      starts.push({ partition: batch.partition, firstOffset: start === 0 ? batch.firstOffset : messages[0].offset });
      positions.push({ partition: batch.partition, nextOffset: (end === n ? batch.lastOffset : last.offset) + 1, lastLoggedAt: new Date(last.timestamp).toISOString() });
    }
    parts.push({ messages: pieces.flat(), starts, positions });
  }
  return parts;
}
