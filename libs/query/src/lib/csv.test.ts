import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes a header and quotes what needs quoting', () => {
    const csv = toCsv([{ a: 'x', b: 'say "hi", then go' }, { a: null, b: 'two\nlines' }], [
      ['a', (r) => r.a],
      ['b', (r) => r.b],
    ]);
    expect(csv).toBe('a,b\nx,"say ""hi"", then go"\n,"two\nlines"\n');
  });
});
