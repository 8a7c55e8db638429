import { seededRandom } from '../../core/random.ts';
import { describe, expect, it } from 'vitest';
import type { QueryNode } from './ast.ts';
import { QuerySyntaxError } from './errors.ts';
import { explainMatch } from './explain.ts';
import { compileQuery } from './matcher.ts';
import { parseQuery } from './parser.ts';

/** A compact rendering of the tree, so expectations read like the query. */
function show(node: QueryNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `${node.kind}(${node.children.map(show).join(', ')})`;
    case 'not':
      return `not(${show(node.child)})`;
    case 'near':
      return `near${node.distance}${node.ordered ? 'f' : ''}(${show(node.left)}, ${show(node.right)})`;
    case 'phrase': {
      const words = node.words.map((w) => (w.kind === 'exact' ? w.word : w.kind === 'prefix' ? `${w.prefix}*` : `glob:${w.pattern}`));
      return `${node.quoted ? 'q' : ''}[${words.join(' ')}]${node.slop !== null ? `~${node.slop}` : ''}`;
    }
    case 'hashtag':
      return `#${show({ kind: 'phrase', words: [node.tag], quoted: false, slop: null, start: 0, end: 0 })}`;
    case 'handle':
      return `@${node.handle}`;
    case 'field':
      return `${node.field}=${node.value}`;
  }
}

const parse = (q: string) => show(parseQuery(q));

function syntaxError(query: string): QuerySyntaxError {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`expected "${query}" to be rejected`);
}

describe('parseQuery: constructs', () => {
  it.each([
    ['brewly', '[brewly]'],
    ['Brewly', '[brewly]'],
    ['Café', '[cafe]'],
    ['"cold brew"', 'q[cold brew]'],
    ['“cold brew”', 'q[cold brew]'],
    ['"cold brew"~5', 'q[cold brew]~5'],
    ['a AND b', 'and([a], [b])'],
    ['a b', 'and([a], [b])'],
    ['a OR b', 'or([a], [b])'],
    ['a b OR c', 'or(and([a], [b]), [c])'],
    ['a AND (b OR c)', 'and([a], or([b], [c]))'],
    ['NOT a', 'not([a])'],
    ['a NOT b', 'and([a], not([b]))'],
    ['a AND NOT b', 'and([a], not([b]))'],
    ['a OR NOT b', 'or([a], not([b]))'],
    ['NOT NOT a', 'not(not([a]))'],
    ['a NEAR/3 b', 'near3([a], [b])'],
    ['a NEAR/0f b', 'near0f([a], [b])'],
    ['(a OR b) NEAR/2 "c d"', 'near2(or([a], [b]), q[c d])'],
    ['a NEAR/2 b NEAR/3 c', 'near3(near2([a], [b]), [c])'],
    ['x a NEAR/2 b', 'and([x], near2([a], [b]))'],
    ['NOT a NEAR/2 b', 'not(near2([a], [b]))'],
    ['#a NEAR/1 b', 'near1(#[a], [b])'],
    ['deliv*', '[deliv*]'],
    ['colo?r', '[glob:colo?r]'],
    ['b*ing', '[glob:b*ing]'],
    ['доставк*', '[доставк*]'],
    ['"apple pi*"', 'q[apple pi*]'],
    ['coca-cola', '[coca cola]'],
    ['brewly.com', '[brewly com]'],
    ["mcdonald's", '[mcdonald s]'],
    ['and or not near/3', 'and([and], [or], [not], [near 3])'],
    ['#Coffee', '#[coffee]'],
    ['#deliv*', '#[deliv*]'],
    ['@Brewly', '@brewly'],
    ['@alice@Mastodon.Social', '@alice@mastodon.social'],
    ['author:Alice', 'author=alice'],
    ['author:@alice', 'author=alice'],
    ['author:(alice OR bob@x.social)', 'or(author=alice, author=bob@x.social)'],
    ['lang:EN', 'lang=en'],
    ['language:pt-BR', 'lang=pt-br'],
    ['source:mastodon', 'source=mastodon'],
    ['site:www.Example.com', 'site=example.com'],
    ['site:https://example.com/', 'site=example.com'],
    ['url:msn.com/News', 'url=msn.com/news'],
    ['url:"example.com/a b"', 'url=example.com/a b'],
    ['10:30', '[10 30]'],
    ['सिनेमा', '[सिनेमा]'],
    ['a  AND\n\tb', 'and([a], [b])'],
    ['((a))', '[a]'],
    ['{BT}', 'q[bt]'],
    ['{BT} OR "British Telecom"', 'or(q[bt], q[british telecom])'],
    ['brewly <<<our brand>>> NOT job*', 'and([brewly], not([job*]))'],
    ['<<<a comment (with parens) AND "quotes">>> brewly', '[brewly]'],
  ])('%s → %s', (query, expected) => {
    expect(parse(query)).toBe(expected);
  });

  it('keeps each node\'s position in the query', () => {
    const node = parseQuery('brewly NEAR/3 (late OR delay*)');
    expect(node).toMatchObject({ kind: 'near', start: 0, end: 30 });
    if (node.kind !== 'near') throw new Error('unreachable');
    expect(node.right).toMatchObject({ kind: 'or', start: 14, end: 30 });
  });
});

describe('parseQuery: errors name the problem and the position', () => {
  it.each([
    ['', 1, 'the query is empty'],
    ['   ', 1, 'the query is empty'],
    ['brewly AND', 11, 'expected a term or "(" after AND'],
    ['brewly AND ', 12, 'expected a term or "(" after AND'],
    ['a OR', 5, 'expected a term or "(" after OR'],
    ['a OR OR b', 6, 'expected a term or "(" after OR'],
    ['OR a', 1, 'expected a term or "(" at the start of the query, found OR'],
    ['AND', 1, 'expected a term or "(" at the start of the query, found AND'],
    ['NOT', 4, 'expected a term or "(" after NOT'],
    ['a NOT', 6, 'expected a term or "(" after NOT'],
    ['(a OR b', 8, 'expected ")" to close the "(" at position 1, found the end of the query'],
    ['(a OR (b)', 10, 'expected ")" to close the "(" at position 1'],
    ['a)', 2, 'unexpected ")": it has no matching "("'],
    ['()', 2, 'empty parentheses'],
    ['a ( )', 5, 'empty parentheses'],
    ['"cold brew', 1, 'this quote is never closed'],
    ['a "b', 3, 'this quote is never closed'],
    ['""', 1, 'empty phrase'],
    ['"a"~', 5, 'expected a number of words after ~'],
    ['"a"~x', 5, 'expected a number of words after ~'],
    ['"a"b', 4, 'expected a space, ")" or an operator after the closing quote'],
    ['a~3', 2, '~n applies to a quoted phrase'],
    ['*rewly', 1, 'a word cannot start with a wildcard'],
    ['?rewly', 1, 'a word cannot start with a wildcard'],
    ['coca-*', 6, 'a word cannot start with a wildcard'],
    ['"cold *rew"', 7, 'a word cannot start with a wildcard'],
    ['a NEAR b', 7, 'expected a distance after NEAR'],
    ['a NEAR/ b', 8, 'expected a distance after NEAR'],
    ['a NEAR/x b', 8, 'expected a distance after NEAR'],
    ['a NEAR/3g b', 8, 'expected a distance after NEAR'],
    ['a NEAR/5000 b', 8, 'a distance of at most 1000 words is allowed'],
    ['"a b"~5000', 7, 'a distance of at most 1000 words is allowed'],
    ['a NEAR/3', 9, 'expected a term or "(" after NEAR/3'],
    ['NEAR/3 a', 1, 'expected a term or "(" at the start of the query, found NEAR/3'],
    ['a NEAR/3 NOT b', 10, 'expected a term or "(" after NEAR/3'],
    ['a NEAR/2 (b c)', 10, 'NEAR/2 can only join words, "phrases", #hashtags and (…OR…) groups of them, not an AND group'],
    ['(a AND b) NEAR/2f c', 1, 'NEAR/2f can only join'],
    ['a NEAR/2 author:x', 10, 'not the field author:'],
    ['@x NEAR/2 a', 1, 'not an @handle'],
    ['a NEAR/2 (b OR lang:en)', 10, 'an OR group holding something other than words'],
    ['#', 2, 'expected a hashtag after "#"'],
    ['#*x', 2, 'a hashtag cannot start with a wildcard'],
    ['#a-b', 1, 'is not a hashtag'],
    ['@', 2, 'expected a handle after "@"'],
    ['@*x', 2, 'a handle cannot start with a wildcard'],
    ['@a@b', 2, 'is not a handle'],
    ['!!!', 1, 'has no letters or digits to search for'],
    ['a -b', 3, 'to exclude a word use NOT: NOT b'],
    ['author:', 8, 'expected a value after author:'],
    ['author: x', 8, 'expected a value right after author: (no space)'],
    ['author:""', 9, 'expected a value after author:'],
    ['author:*x', 8, 'a author: value cannot start with a wildcard'],
    ['lang:english', 6, 'expected a language code such as en'],
    ['source:a/b', 8, 'expected a source name'],
    ['site:exa_mple.com', 6, 'expected a domain'],
    ['site:example.com/path', 6, 'site: takes a domain only; use url:example.com/path'],
    ['url:/path', 5, 'expected a domain'],
    ['author:(alice bob)', 15, 'expected OR or ")" between values of author:'],
    ['author:(alice OR', 17, 'expected a value for author: inside "(…)", found the end of the query'],
    ['author:(alice OR (bob))', 18, 'expected a value for author: inside "(…)", found "("'],
    ['title:brewly', 1, 'unknown field "title:"'],
    ['re:invent', 1, 'quote it to search the text: "re:invent"'],
    ['a\nAND', 6, 'expected a term or "(" after AND'],
    ['{BT', 1, 'this "{" is never closed'],
    ['{}', 1, 'empty {}: expected words inside'],
    ['{B*}', 3, 'wildcards cannot be used inside {…}'],
    ['a <<<note', 3, 'this comment is never closed: expected >>>'],
    ['<<<only a comment>>>', 1, 'the query is empty'],
    ['café AND', 9, 'expected a term or "(" after AND'],
    ['x😀 AND', 7, 'expected a term or "(" after AND'],
    ['😀', 1, '"😀" has no letters or digits to search for'],
  ])('%j → position %i: %s', (query, position, problem) => {
    const error = syntaxError(query);
    expect(error.problem).toContain(problem);
    expect(error.position).toBe(position);
    expect(error.message).toBe(`${error.problem} at position ${position}`);
  });

  it('draws a caret under the faulty spot', () => {
    const error = syntaxError('brewly AND (late OR');
    expect(error.caret).toBe('  brewly AND (late OR\n                     ^ expected a term or "(" after OR');
  });

  it('counts positions in characters, not UTF-16 units', () => {
    expect(syntaxError('é😀😀 AND').position).toBe(8);
  });

  it('rejects absurd nesting and length instead of overflowing the stack', () => {
    expect(syntaxError(`${'('.repeat(200)}a${')'.repeat(200)}`).problem).toContain('nest deeper than 100 levels');
    expect(syntaxError('a '.repeat(6000)).problem).toContain('longer than 10000 characters');
  });
});

describe('parseQuery: fuzz', () => {
  const pieces = ['a', 'café', 'AND', 'OR', 'NOT', 'NEAR/2', 'NEAR/1f', 'NEAR/', '(', ')', '"', '"x y"~2', '~', '*', '?', 'de*', '#', '#t', '@', '@h@i.x', 'author:', 'lang:', 'site:x.com', 'url:', 'title:', ':', '-', ' ', ' ', '\\', '“', 'доставк*', 'सिनेमा', '😀', '\n', '{', '}', '{BT}', '<<<', '>>>'];

  it('never throws anything but QuerySyntaxError, on token soup and on raw characters; what parses also matches', () => {
    const next = seededRandom(42);
    let parsed = 0;
    for (let i = 0; i < 4000; i++) {
      const soup = i % 2 === 0;
      const length = 1 + Math.floor(next() * 12);
      let query = '';
      for (let j = 0; j < length; j++) {
        query += soup ? pieces[Math.floor(next() * pieces.length)]! + (next() < 0.6 ? ' ' : '') : String.fromCodePoint(32 + Math.floor(next() * 400));
      }
      try {
        parseQuery(query);
        parsed++;
        // What parses must also compile, match and explain without throwing.
        const compiled = compileQuery(query);
        const subject = { text: `a café x y de #t @h@i.x доставка सिनेमा ${query}`, author: { handle: 'h@i.x' }, lang: 'en', source: 'rss', url: 'https://x.com/a' };
        compiled.matches(subject);
        explainMatch(compiled, subject);
      } catch (error) {
        if (!(error instanceof QuerySyntaxError)) throw new Error(`"${query}" threw ${String(error)}`);
        expect(error.offset).toBeGreaterThanOrEqual(0);
        expect(error.offset).toBeLessThanOrEqual(query.length);
      }
    }
    // The generator must exercise both outcomes to mean anything.
    expect(parsed).toBeGreaterThan(200);
    expect(parsed).toBeLessThan(3800);
  });
});
