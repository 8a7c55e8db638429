import { describe, expect, it } from 'vitest';
import { addDays, dateKey, defaultTopic } from './scope.tsx';

describe('scope helpers', () => {
  it('names the local day of an instant in the given zone', () => {
    const lateEvening = Date.parse('2026-03-01T23:30:00Z');
    expect(dateKey(lateEvening, 'UTC')).toBe('2026-03-01');
    expect(dateKey(lateEvening, 'Europe/Sofia')).toBe('2026-03-02');
    expect(dateKey(lateEvening, 'America/New_York')).toBe('2026-03-01');
  });

  it('adds days across month ends and DST changes', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-31', -29)).toBe('2026-10-02');
  });

  it('picks the brand topic first, then whatever exists', () => {
    const topic = (id: number, role: 'brand' | 'competitor') => ({ id, name: `t${id}`, query: 'x', role });
    expect(defaultTopic([topic(1, 'competitor'), topic(2, 'brand')])?.id).toBe(2);
    expect(defaultTopic([topic(3, 'competitor')])?.id).toBe(3);
    expect(defaultTopic([])).toBeNull();
  });
});
