/**
 * Distinct strings of one-byte characters (external ids, which the schemas keep to ASCII), each
 * with a dense code in order of first appearance, kept off the V8 heap: the characters in one
 * byte array and an open-addressing hash table of codes. A million ids of a dozen characters
 * take ~30 MB of typed arrays, where strings and a Map took ~60 MB of heap objects that every
 * full collection walks, and that the main thread's heap then grew to twice of.
 */
export class StringTable {
  private bytes = new Uint8Array(16 * 1024);
  /** Where each code's characters end in `bytes`; the previous code's end is where they start. */
  private ends = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  /** Open addressing, linear probing, at most half full: code + 1 per used slot, 0 if free. */
  private slots = new Int32Array(2048);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The string's code, or -1 if it is not in the table. */
  find(value: string): number {
    return this.lookup(value, hashOf(value));
  }

  /** The string's code, adding the string if it is new. */
  code(value: string): number {
    const hash = hashOf(value);
    const found = this.lookup(value, hash);
    if (found !== -1) return found;
    // The characters first: a string the table cannot hold is refused before anything changes.
    const code = this.count;
    const start = this.start(code);
    if (start + value.length > this.bytes.length) this.bytes = grown(this.bytes, 2 * (start + value.length));
    for (let i = 0; i < value.length; i++) {
      const char = value.charCodeAt(i);
      if (char > 0xff) throw new RangeError(`StringTable holds one-byte characters only: ${JSON.stringify(value)}`);
      this.bytes[start + i] = char;
    }
    if (code === this.ends.length) {
      this.ends = grown(this.ends, 2 * code);
      this.hashes = grown(this.hashes, 2 * code);
    }
    this.count++;
    this.ends[code] = start + value.length;
    this.hashes[code] = hash;
    if (2 * this.count > this.slots.length) this.rehash(2 * this.slots.length);
    else this.place(code);
    return code;
  }

  value(code: number): string {
    return String.fromCharCode(...this.bytes.subarray(this.start(code), this.ends[code]));
  }

  private lookup(value: string, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot];
      if (entry === 0) return -1;
      if (this.hashes[entry - 1] === hash && this.holds(entry - 1, value)) return entry - 1;
    }
  }

  private start(code: number): number {
    return code === 0 ? 0 : this.ends[code - 1];
  }

  private holds(code: number, value: string): boolean {
    const start = this.start(code);
    if (this.ends[code] - start !== value.length) return false;
    for (let i = 0; i < value.length; i++) if (this.bytes[start + i] !== value.charCodeAt(i)) return false;
    return true;
  }

  private place(code: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[code] & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = code + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let code = 0; code < this.count; code++) this.place(code);
  }
}

/** FNV-1a over the UTF-16 code units (one byte each here). */
function hashOf(value: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
  return hash;
}

/** A copy of `array` with room for `size` elements. */
export function grown<A extends Uint8Array | Int32Array | Uint32Array>(array: A, size: number): A {
  const next = new (array.constructor as new (n: number) => A)(size);
  next.set(array);
  return next;
}
