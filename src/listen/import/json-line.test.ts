import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from './json-line.ts';

describe('parseJsonLossless', () => {
  it('keeps integers beyond 2^53 as their exact text, and leaves everything else as JSON.parse reads it', () => {
    expect(parseJsonLossless('{"id":1790000000000000505,"n":[12345678901234567890, -98765432109876543210],"small":9007199254740991}')).toEqual({
      id: '1790000000000000505',
      n: ['12345678901234567890', '-98765432109876543210'],
      small: 9007199254740991,
    });
    expect(parseJsonLossless('{ "id" : 1790000000000000505 }')).toEqual({ id: '1790000000000000505' });
  });

  it('never touches digits inside strings, fractions or exponents', () => {
    const strings = { s: '":1790000000000000505', t: 'a\\",1790000000000000505]', u: '\\' };
    const line = `${JSON.stringify(strings).slice(0, -1)},"f":1790000000000000505.5,"e":1790000000000000505e2,"after":1790000000000000505}`;
    expect(parseJsonLossless(line)).toEqual({ ...strings, f: 1790000000000000505.5, e: 1790000000000000505e2, after: '1790000000000000505' });
  });

  it('fails as JSON.parse does on broken JSON', () => {
    expect(() => parseJsonLossless('{"id":1790000000000000505')).toThrow(SyntaxError);
  });
});
