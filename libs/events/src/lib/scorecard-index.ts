import type { ScorecardRef } from './log-catalog';
import { grown, StringTable } from './string-table';

/**
 * Every scorecard of the log, as ingestion needs it, in about 60 bytes each and all of them in
 * typed arrays (a plain object per scorecard took about 250 bytes of heap, strings and a Map
 * about 100): the scorecard ids' table, whose codes are slots, and per slot the submitting
 * eventId as 16 bytes, the candidate and rubric version as codes, and the withdrawn flag. A log
 * of a million scorecards fits in ~60 MB, none of it on the V8 heap.
 */
export class ScorecardIndex {
  private readonly slots = new StringTable();
  private readonly candidates = new StringTable();
  private readonly rubrics = new StringTable();
  private eventIds = new Uint32Array(4 * 1024);
  private candidate = new Int32Array(1024);
  private rubric = new Int32Array(1024);
  private withdrawn = new Uint8Array(1024);

  has(scorecardId: string): boolean {
    return this.slots.find(scorecardId) !== -1;
  }

  get(scorecardId: string): ScorecardRef | undefined {
    const slot = this.slots.find(scorecardId);
    if (slot === -1) return undefined;
    const [rubricId, version] = this.rubrics.value(this.rubric[slot]).split('\u0000');
    return {
      submittedBy: uuidOf(this.eventIds.subarray(4 * slot, 4 * slot + 4)),
      candidateId: this.candidates.value(this.candidate[slot]),
      rubricId,
      rubricVersion: Number(version),
      withdrawn: this.withdrawn[slot] === 1,
    };
  }

  set(scorecardId: string, ref: ScorecardRef): void {
    const slot = this.slots.code(scorecardId);
    this.grow(slot + 1);
    writeUuid(ref.submittedBy, this.eventIds, 4 * slot);
    this.candidate[slot] = this.candidates.code(ref.candidateId);
    this.rubric[slot] = this.rubrics.code(`${ref.rubricId}\u0000${ref.rubricVersion}`);
    this.withdrawn[slot] = ref.withdrawn ? 1 : 0;
  }

  get size(): number {
    return this.slots.size;
  }

  private grow(slots: number): void {
    if (slots <= this.candidate.length) return;
    const capacity = this.candidate.length * 2;
    this.eventIds = grown(this.eventIds, 4 * capacity);
    this.candidate = grown(this.candidate, capacity);
    this.rubric = grown(this.rubric, capacity);
    this.withdrawn = grown(this.withdrawn, capacity);
  }
}

/** Writes a UUID (validated at the boundary: 8-4-4-4-12 hex digits) as four 32-bit words. */
function writeUuid(uuid: string, words: Uint32Array, at: number): void {
  words[at] = parseInt(uuid.slice(0, 8), 16);
  words[at + 1] = parseInt(uuid.slice(9, 13) + uuid.slice(14, 18), 16);
  words[at + 2] = parseInt(uuid.slice(19, 23) + uuid.slice(24, 28), 16);
  words[at + 3] = parseInt(uuid.slice(28, 36), 16);
}

function uuidOf(words: Uint32Array): string {
  const hex = Array.from(words, (w) => w.toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
