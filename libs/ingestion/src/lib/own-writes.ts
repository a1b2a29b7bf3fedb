import type { WrittenBatch } from '@plumbline/kafka';
import { RecentEventIds } from './recent-event-ids';

/** A message of the event log as the log tail passes it on: its eventId header and its text. */
export interface TailMessage {
  eventId?: string;
  value: string | null;
}

/** A record batch as the log tail reads it: where it begins, and its messages, decoded on demand. */
export interface ReadBatch {
  partition: number;
  /** The batch's first offset; undefined for a message without one (kafkajs's old formats). */
  firstOffset: string | undefined;
  messages: () => TailMessage[];
}

/**
 * Which of the log's record batches this process wrote itself, for the log tail to leave out:
 * ingestion records its own events when Kafka acknowledges them, so the tail need pass on only
 * what other writers wrote. Kafka tells each acknowledged write where its batches begin, one per
 * partition; a batch the tail reads is its own if it begins there. That is one lookup a batch,
 * where matching every message's eventId had cost both threads work per event.
 *
 * A write's batches can reach the tail before its acknowledgement does, so while any write is
 * in flight, a batch not known as own is set aside until every write begun before it was read
 * has ended: dropped if one of them turns out to have written it, passed on otherwise (a write
 * that failed here may still have committed). Writes are counted as they begin by the writer
 * itself (`writesBegun`, shared memory), so no write can reach the log before the tail knows of it.
 */
export class OwnWrites {
  /** `partition:offset` of acknowledged batches, the last `window` (kept as ingestion keeps its eventIds). */
  private readonly acknowledged: RecentEventIds;
  /** Writes ended, numbered past `endedThrough`. */
  private readonly ended = new Set<number>();
  /** Every write numbered up to this has ended. */
  private endedThrough = 0;
  /** In the order read; each waits for the writes begun before it was read (`waitsFor`, ascending). */
  private readonly setAside: { batch: ReadBatch; waitsFor: number }[] = [];

  /**
   * `window`: how many acknowledged batches are remembered (the tail is rarely more than a few
   * writes behind). `writesBegun`: how many writes have begun, numbered from 1.
   */
  constructor(
    window: number,
    private readonly writesBegun: () => number,
  ) {
    this.acknowledged = new RecentEventIds(window);
  }

  /** The messages of a batch just read that are to be passed on now: none if it is own or set aside. */
  read(batch: ReadBatch): TailMessage[] {
    if (this.isOwn(batch)) return [];
    const begun = this.writesBegun();
    if (begun > this.endedThrough) {
      this.setAside.push({ batch, waitsFor: begun });
      return [];
    }
    return batch.messages();
  }

  /**
   * Ends write number `write`: `batches` where Kafka put it if it was acknowledged, null if it
   * failed. Returns the messages set aside that are now to be passed on.
   */
  end(write: number, batches: WrittenBatch[] | null): TailMessage[] {
    for (const [partition, firstOffset] of batches ?? []) this.acknowledged.add(`${partition}:${firstOffset}`);
    this.ended.add(write);
    while (this.ended.delete(this.endedThrough + 1)) this.endedThrough++;
    const passOn: TailMessage[] = [];
    while (this.setAside.length > 0 && this.setAside[0].waitsFor <= this.endedThrough) {
      const { batch } = this.setAside.shift()!;
      if (!this.isOwn(batch)) passOn.push(...batch.messages());
    }
    return passOn;
  }

  private isOwn({ partition, firstOffset }: ReadBatch): boolean {
    return firstOffset !== undefined && this.acknowledged.has(`${partition}:${firstOffset}`);
  }
}
