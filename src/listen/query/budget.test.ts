import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/random.ts';
import { QueryBudgetError, WorkBudget } from './budget.ts';
import { budgetedMatcher } from './budgeted-matcher.ts';
import { QuerySyntaxError } from './errors.ts';
import { explainMatch } from './explain.ts';
import { compileQuery } from './matcher.ts';
import { globMatch } from './words.ts';

const LONG = 'a'.repeat(40_000);
const NESTED = `${'a*'.repeat(14)}b`;

describe('globMatch: linear wildcards', () => {
  it('agrees with a regular expression on small cases', () => {
    const next = seededRandom(7);
    const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let i = 0; i < 3000; i++) {
      const pattern = pick('ab*?', 1 + Math.floor(next() * 6));
      const word = pick('ab', Math.floor(next() * 8));
      const regex = new RegExp(`^${pattern.replaceAll('*', '.*').replaceAll('?', '.')}$`, 'u');
      expect(globMatch(pattern, word), `${pattern} ~ ${word}`).toBe(regex.test(word));
    }
    // `?` is one character, astral ones included.
    expect(globMatch('x?y', 'x😀y')).toBe(true);
    expect(globMatch('x??y', 'x😀y')).toBe(false);
  });

  it('matches nested wildcards on a 40,000-letter word in (word + 1) × (pattern + 1) steps', () => {
    const budget = new WorkBudget(Number.POSITIVE_INFINITY);
    expect(globMatch(NESTED, LONG, budget)).toBe(false);
    expect(budget.spent).toBeLessThanOrEqual((LONG.length + 1) * (NESTED.length + 1));
    expect(globMatch(NESTED, `${LONG}b`)).toBe(true);
  });
});

describe('query work budget', () => {
  it('answers the issue\'s wildcard query on a 40,000-letter mention within the budget of one match', () => {
    const query = compileQuery(NESTED);
    const budget = new WorkBudget(undefined, NESTED);
    expect(query.matches({ text: LONG }, budget)).toBe(false);
    expect(budget.spent).toBeLessThanOrEqual(budget.limit);
    expect(query.matches({ text: `x ${LONG}b` })).toBe(true);
  });

  it('rejects a query whose placements multiply with an error naming the part and its position', () => {
    // Ten words for a window holding only nine: every placement of the nine is tried, per window.
    const query = compileQuery('brewly OR "b a a a a a a a a a a"~0');
    const text = 'b a a a a a a a a a c '.repeat(200);
    let error: unknown;
    try {
      query.matches({ text });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QueryBudgetError);
    expect(error).toBeInstanceOf(QuerySyntaxError);
    const budgetError = error as QueryBudgetError;
    expect(budgetError.position).toBe(11);
    expect(budgetError.problem).toContain('"b a a a a a a a a a a"~0');
    expect(budgetError.problem).toContain('steps');
  });

  it('looks only inside each window for a proximity phrase of common words on a long text (not quadratic)', () => {
    const query = compileQuery('"a a a b"~0');
    const budget = new WorkBudget(undefined, query.source);
    // 40,000 windows of four words, none holding three a's: each one fails after a few placements.
    expect(query.matches({ text: 'a b '.repeat(20_000) }, budget)).toBe(false);
    expect(budget.spent).toBeLessThan(1_000_000);
  });

  it('bounds a whole scan when one budget is shared between mentions', () => {
    const query = compileQuery('a*b');
    const budget = new WorkBudget(100_000, 'a*b');
    expect(() => {
      for (let i = 0; i < 100; i++) query.matches({ text: `${'a'.repeat(5000)} ${i}` }, budget);
    }).toThrow(QueryBudgetError);
    expect(budget.spent).toBeLessThan(100_000 + 5000 * 4);
  });
});

/** Random queries in the topic language, adversarial on purpose: deep nesting, stacked wildcards, wide NEAR. */
function randomQuery(next: () => number, depth = 0): string {
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]!;
  const word = () => {
    const letters = Array.from({ length: 1 + Math.floor(next() * 6) }, () => pick(['a', 'a', 'b', 'c', '*', '?', 'é']));
    return pick(['a', 'b', 'c']) + letters.join('');
  };
  const positional = (): string => {
    const r = next();
    if (r < 0.4) return word();
    if (r < 0.6) return `"${Array.from({ length: 1 + Math.floor(next() * 5) }, word).join(' ')}"${next() < 0.5 ? `~${Math.floor(next() * 30)}` : ''}`;
    if (r < 0.7) return `#${word()}`;
    if (depth < 6 && r < 0.85) return `(${positional()} OR ${positional()})`;
    if (depth < 6) return `${positional()} NEAR/${Math.floor(next() * 50)}${next() < 0.3 ? 'f' : ''} ${positional()}`;
    return word();
  };
  const r = next();
  if (depth > 8 || r < 0.35) return positional();
  if (r < 0.5) return `(${randomQuery(next, depth + 1)})`;
  if (r < 0.65) return `${randomQuery(next, depth + 1)} OR ${randomQuery(next, depth + 1)}`;
  if (r < 0.75) return `${randomQuery(next, depth + 1)} AND ${randomQuery(next, depth + 1)}`;
  if (r < 0.82) return `NOT ${randomQuery(next, depth + 1)}`;
  if (r < 0.88) return `${positional()} ${pick(['author:a*a?', 'source:r*s', 'lang:en', 'site:x.com'])}`;
  // Broken on purpose: an unclosed group or quote, a dangling operator, a leading wildcard.
  return `${randomQuery(next, depth + 1)} ${pick(['(', '"', 'NEAR/', 'AND', '*a', ')', 'NEAR/2000'])}`;
}

function randomText(next: () => number, words: number): string {
  const vocabulary = ['a', 'aa', 'ab', 'abc', 'b', 'ba', 'c', 'cab', 'éa', '#ab', '#a', 'aaaaaaaaaaaaaaaa'];
  return Array.from({ length: words }, () => vocabulary[Math.floor(next() * vocabulary.length)]).join(' ');
}

describe('query fuzz with a per-query work budget', () => {
  it('parses and matches every query within its budget, or rejects it naming the problem and position', () => {
    const next = seededRandom(2026);
    const texts = [LONG, `${LONG}b`, randomText(next, 3000), `${randomText(next, 500)} ${LONG} ${randomText(next, 500)}`];
    const limit = 300_000;
    const outcomes = { matched: 0, syntax: 0, budget: 0 };
    for (let i = 0; i < 400; i++) {
      const source = randomQuery(next);
      let query;
      try {
        query = compileQuery(source);
      } catch (error) {
        if (!(error instanceof QuerySyntaxError)) throw new Error(`"${source}" threw ${String(error)}`);
        expect(error.problem.length).toBeGreaterThan(0);
        expect(error.position).toBeGreaterThanOrEqual(1);
        expect(error.position).toBeLessThanOrEqual([...source].length + 1);
        outcomes.syntax++;
        continue;
      }
      for (const text of texts) {
        const budget = new WorkBudget(limit, source);
        try {
          expect(typeof query.matches({ text, author: { handle: 'aab' }, source: 'rss', lang: 'en' }, budget)).toBe('boolean');
          // Counted per slice of work: a finished match never overran its budget by more than one slice.
          expect(budget.spent).toBeLessThanOrEqual(limit);
          outcomes.matched++;
        } catch (error) {
          if (!(error instanceof QueryBudgetError)) throw new Error(`"${source}" threw ${String(error)}`);
          expect(error.problem).toContain('steps');
          expect(error.position).toBeGreaterThanOrEqual(1);
          expect(error.position).toBeLessThanOrEqual([...source].length + 1);
          outcomes.budget++;
        }
      }
    }
    // The generator must reach every outcome, and linear matching must keep budget errors rare.
    expect(outcomes.syntax).toBeGreaterThan(20);
    expect(outcomes.matched).toBeGreaterThan(800);
    expect(outcomes.budget).toBeLessThan(outcomes.matched / 20);
  });

  it('explains what it matches within the same kind of budget', () => {
    const query = compileQuery(`${NESTED} OR "a a"~3 NEAR/5 a*`);
    expect(explainMatch(query, { text: `${LONG} a a b` }).match).toBe(true);
  });
});

describe('budgetedMatcher', () => {
  it('counts a mention the query cannot match within budget as not matching, so an import goes on', () => {
    const matches = budgetedMatcher(compileQuery('"b a a a a a a a a a a"~0'), 'costly');
    expect(matches({ text: 'b a a a a a a a a a c '.repeat(200) })).toBe(false);
    expect(matches({ text: 'b a a a a a a a a a a' })).toBe(true);
  });
});
