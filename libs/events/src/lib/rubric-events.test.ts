import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { nameBasedUuid } from './rubric-events';

describe('nameBasedUuid', () => {
  it('is deterministic, distinct per name and a valid UUID', () => {
    const a = nameBasedUuid('rubric:ml-system-design@1');
    expect(nameBasedUuid('rubric:ml-system-design@1')).toBe(a);
    expect(nameBasedUuid('rubric:ml-system-design@2')).not.toBe(a);
    expect(z.uuid().safeParse(a).success).toBe(true);
    expect(a[14]).toBe('8');
  });
});
