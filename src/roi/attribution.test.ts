import { describe, expect, it } from 'vitest';
import { attribute, conversionPaths } from './attribution.ts';

describe('attribution', () => {
  const touch = (id: number, stage: 'lead' | 'sale', at: number, utm: string | null, revenue = 0, touches: string[] = []) => ({
    id, stage, occurredAt: at, contactKey: 'c1', revenue, currency: 'EUR', utmCampaign: utm, touches,
  });

  it('builds the path from touchpoints, earlier conversions and the own campaign', () => {
    const paths = conversionPaths([touch(1, 'lead', 10, 'a', 0, ['x']), touch(2, 'sale', 20, 'b', 300)]);
    expect(paths.get(1)).toEqual(['x', 'a']);
    expect(paths.get(2)).toEqual(['x', 'a', 'b']);
  });

  it('gives all the credit to the last known touch, or equal shares (linear)', () => {
    const known = (c: string) => c !== 'x';
    expect([...attribute(['x', 'a', 'b'], known, 'last')]).toEqual([['b', 1]]);
    expect([...attribute(['a', 'b', 'a'], known, 'linear')]).toEqual([['a', 2 / 3], ['b', 1 / 3]]);
    expect(attribute(['x'], known, 'linear').size).toBe(0);
  });

  it('credits each repeated touch, consecutive or not (linear is per touch)', () => {
    const paths = conversionPaths([touch(1, 'sale', 10, null, 300, ['social', 'social', 'direct'])]);
    expect(paths.get(1)).toEqual(['social', 'social', 'direct']);
    const shares = attribute(paths.get(1)!, () => true, 'linear');
    // 3 touches, 1/3 each: social 2/3, direct 1/3 (not 1/2 – 1/2).
    expect(shares.get('social')).toBeCloseTo(2 / 3, 12);
    expect(shares.get('direct')).toBeCloseTo(1 / 3, 12);
    // A lead and its sale from the same campaign are two touches too.
    const both = conversionPaths([touch(1, 'lead', 10, 'a'), touch(2, 'sale', 20, 'a', 300, ['b'])]);
    expect(both.get(2)).toEqual(['b', 'a', 'a']);
    expect(attribute(both.get(2)!, () => true, 'linear').get('a')).toBeCloseTo(2 / 3, 12);
  });
});
