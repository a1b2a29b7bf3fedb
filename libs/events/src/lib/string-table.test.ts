import { describe, expect, it } from 'vitest';
import { StringTable } from './string-table';

describe('StringTable', () => {
  it('numbers strings by first appearance and finds them again', () => {
    const table = new StringTable();
    expect([table.code('sc-1'), table.code('sc-2'), table.code('sc-1'), table.code('')]).toEqual([0, 1, 0, 2]);
    expect([table.find('sc-2'), table.find('sc-3'), table.find('sc-'), table.find('')]).toEqual([1, -1, -1, 2]);
    expect([table.value(0), table.value(1), table.value(2)]).toEqual(['sc-1', 'sc-2', '']);
    expect(table.size).toBe(3);
  });

  it('keeps every string past its first capacities, long strings included', () => {
    const table = new StringTable();
    const long = 'x'.repeat(20_000);
    const values = Array.from({ length: 50_000 }, (_, i) => (i === 777 ? long : `cand-${i}`));
    values.forEach((value, i) => expect(table.code(value)).toBe(i));
    for (const i of [0, 776, 777, 778, 1023, 1024, 2047, 49_999]) {
      expect(table.find(values[i])).toBe(i);
      expect(table.value(i)).toBe(values[i]);
    }
    expect(table.find('cand-50000')).toBe(-1);
    expect(table.size).toBe(50_000);
  });

  it('refuses characters beyond one byte, and is unchanged by the refusal', () => {
    const table = new StringTable();
    table.code('a');
    expect(() => table.code('sc-\u0100')).toThrow(RangeError);
    expect([table.size, table.find('sc-\u0100'), table.code('b'), table.value(1)]).toEqual([1, -1, 1, 'b']);
  });
});
