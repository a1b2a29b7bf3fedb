import type { ScorecardRef } from './log-catalog';

/**
 * Every scorecard of the log, as ingestion needs it, in about a hundred bytes each (a plain
 * object per scorecard took about 250): the id → slot map, and per slot the submitting eventId
 * as 16 bytes, the candidate and rubric version as codes, and the withdrawn flag. A log of a
 * million scorecards fits in ~100 MB.
 */
export class ScorecardIndex {
  private readonly slots = new Map<string, number>();
  private readonly candidates = new Dictionary();
  private readonly rubrics = new Dictionary();
  private eventIds = new Uint32Array(4 * 1024);
  private candidate = new Int32Array(1024);
  private rubric = new Int32Array(1024);
  private withdrawn = new Uint8Array(1024);

  has(scorecardId: string): boolean {
    return this.slots.has(scorecardId);
  }

  get(scorecardId: string): ScorecardRef | undefined {
    const slot = this.slots.get(scorecardId);
    if (slot === undefined) return undefined;
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
    let slot = this.slots.get(scorecardId);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(scorecardId, slot);
      this.grow(slot + 1);
    }
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
    const larger = <A extends Uint32Array | Int32Array | Uint8Array>(array: A, size: number): A => {
      const next = new (array.constructor as new (n: number) => A)(size);
      next.set(array);
      return next;
    };
    const capacity = this.candidate.length * 2;
    this.eventIds = larger(this.eventIds, 4 * capacity);
    this.candidate = larger(this.candidate, capacity);
    this.rubric = larger(this.rubric, capacity);
    this.withdrawn = larger(this.withdrawn, capacity);
  }
}

/** Each distinct string once, with a number for it. */
class Dictionary {
  private readonly codes = new Map<string, number>();
  private readonly values: string[] = [];
  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      this.codes.set(value, (code = this.values.length));
      this.values.push(value);
    }
    return code;
  }
  value(code: number): string {
    return this.values[code];
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
