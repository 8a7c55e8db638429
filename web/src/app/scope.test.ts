import { describe, expect, it } from 'vitest';
import { defaultTopic } from './scope.tsx';

describe('defaultTopic', () => {
  it('picks the brand topic first, then whatever exists', () => {
    const topic = (id: number, role: 'brand' | 'competitor') => ({ id, name: `t${id}`, query: 'x', role });
    expect(defaultTopic([topic(1, 'competitor'), topic(2, 'brand')])?.id).toBe(2);
    expect(defaultTopic([topic(3, 'competitor')])?.id).toBe(3);
    expect(defaultTopic([])).toBeNull();
  });
});
