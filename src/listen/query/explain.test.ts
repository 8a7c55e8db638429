import { describe, expect, it } from 'vitest';
import { explainMatch, type ExplainNode } from './explain.ts';
import { compileQuery } from './matcher.ts';

const explain = (query: string, text: string, author?: string) =>
  explainMatch(compileQuery(query), { text, author: author ? { handle: author } : null });

/** `✓ query → words` lines, indented by depth. */
function lines(node: ExplainNode, depth = 0): string[] {
  const words = node.words.map((w) => w.text).join('|');
  return [`${'  '.repeat(depth)}${node.matched ? '✓' : '✗'} ${node.query}${words ? ` → ${words}` : ''}`, ...node.children.flatMap((c) => lines(c, depth + 1))];
}

describe('explainMatch', () => {
  it('shows which part of the query matched which words', () => {
    const text = 'Brewly delivery was late again, #brewly';
    const result = explain('brewly NEAR/3 (late OR delay*) NOT author:brewly', text, 'alice');
    expect(result.match).toBe(true);
    expect(lines(result.tree)).toEqual([
      '✓ brewly NEAR/3 (late OR delay*) NOT author:brewly → Brewly|late|brewly',
      '  ✓ brewly NEAR/3 (late OR delay*) → Brewly|late|brewly',
      '    ✓ brewly → Brewly|brewly',
      '    ✓ (late OR delay*) → late',
      '      ✓ late → late',
      '      ✗ delay*',
      '  ✓ NOT author:brewly',
      '    ✗ author:brewly',
    ]);
    expect(result.highlights.map((h) => [h.start, h.end, text.slice(h.start, h.end)])).toEqual([
      [0, 6, 'Brewly'],
      [20, 24, 'late'],
      [33, 39, 'brewly'],
    ]);
  });

  it('highlights nothing when the query fails, but still shows the partial matches', () => {
    const result = explain('"cold brew" AND beanly', 'Cold brew, iced.');
    expect(result.match).toBe(false);
    expect(result.highlights).toEqual([]);
    expect(lines(result.tree)).toEqual(['✗ "cold brew" AND beanly', '  ✓ "cold brew" → Cold brew', '  ✗ beanly']);
  });

  it('merges overlapping spans and keeps offsets in the original text (accents, non-Latin scripts)', () => {
    const text = 'Le CAFÉ au lait — доставката';
    const result = explain('"cafe au" OR "au lait" OR доставк*', text);
    expect(result.highlights.map((h) => h.text)).toEqual(['CAFÉ au lait', 'доставката']);
  });
});
