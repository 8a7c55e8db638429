import { describe, expect, it } from 'vitest';
import { extractHashtags } from '../../core/text.ts';
import type { Matchable } from './context.ts';
import { compileQuery } from './matcher.ts';

const matches = (query: string, text: string, rest: Omit<Matchable, 'text'> = {}) => compileQuery(query).matches({ text, ...rest });

describe('matcher: words and phrases', () => {
  it.each([
    ['brewly', 'I love Brewly!', true],
    ['brewly', 'I love Brewlys', false], // whole words only
    ['brewly', 'unbrewly', false],
    ['brewly', '#brewly rocks', true], // a word also matches its hashtag
    ['brewly', 'see brewly.com', true],
    ['coffee', 'coffee-shop', true],
    ['cafe', 'Un CAFÉ, s’il vous plaît', true], // case and diacritics
    ['Café', 'cafe', true],
    ['naive', 'naïve', true],
    ['елка', 'Ёлка', true],
    ['القهوة', 'القَهْوَة رائعة', true], // Arabic harakat folded away
    ['"cold brew"', 'the Cold  Brew is great', true],
    ['"cold brew"', 'the brew is cold', false],
    ['"cold brew"', 'cold, brew', true], // punctuation is not a word
    ['"cold brew"', 'cold fresh brew', false],
    ['coca-cola', 'Coca Cola', true],
    ['coca-cola', 'coca-cola', true],
    ["mcdonald's", 'McDonald’s', true],
    ['and', 'salt and pepper', true], // lower-case operators are words
    ['a AND b', 'b a', true],
    ['a b', 'a', false],
    ['a OR b', 'b', true],
    ['a NOT b', 'a b', false],
    ['a NOT b', 'a c', true],
    ['NOT b', 'a c', true],
    ['NOT b', '', true],
    ['(a OR b) AND (c OR d)', 'b d', true],
    ['(a OR b) AND (c OR d)', 'a b', false],
    ['10:30', 'meet at 10:30', true],
  ])('%s on %j → %s', (query, text, expected) => {
    expect(matches(query, text)).toBe(expected);
  });
});

describe('matcher: wildcards', () => {
  it.each([
    ['deliv*', 'Delivery was slow', true],
    ['deliv*', 'deliv', true], // * is zero or more characters
    ['deliv*', 'undelivered', false],
    ['colo?r', 'colour', true],
    ['colo?r', 'color', false], // ? is exactly one character
    ['colo?r', 'colouur', false],
    ['b*ing', 'booking', true],
    ['b*ing', 'bing', true],
    ['b*ing', 'bingo', false],
    ['caf?', 'café', true], // ? matches one folded character
    ['доставк*', 'Доставката закъсня', true],
    ['доставк*', 'доставчик', false],
    ['"apple pi*"', 'apple pies', true],
    ['"apple pi*"', 'apple tart', false],
  ])('%s on %j → %s', (query, text, expected) => {
    expect(matches(query, text)).toBe(expected);
  });
});

describe('matcher: NEAR/n and NEAR/nf', () => {
  it.each([
    ['late NEAR/0 delivery', 'delivery late', true], // either order
    ['late NEAR/0 delivery', 'late delivery', true],
    ['late NEAR/0 delivery', 'late the delivery', false],
    ['late NEAR/2 delivery', 'late, very very delivery', true], // exactly n words between
    ['late NEAR/2 delivery', 'late a b c delivery', false], // n + 1
    ['late NEAR/2 delivery', 'delivery a b late', true],
    ['late NEAR/2 delivery', 'delivery a b c late', false],
    ['late NEAR/2f delivery', 'late a b delivery', true],
    ['late NEAR/2f delivery', 'delivery a b late', false], // f: written order only
    ['late NEAR/0f delivery', 'late delivery', true],
    ['late NEAR/0f delivery', 'delivery late', false],
    ['late NEAR/3 late', 'late', false], // two distinct occurrences needed
    ['late NEAR/3 late', 'late once late', true],
    ['"cold brew" NEAR/1 great', 'great cold brew', true],
    ['"cold brew" NEAR/1 great', 'cold brew is really great', false],
    ['"cold brew" NEAR/2 great', 'cold brew is really great', true],
    ['(apple OR orange) NEAR/1 (phone OR smartphone)', 'my orange smartphone', true],
    ['(apple OR orange) NEAR/1 (phone OR smartphone)', 'apple pie and a phone', false],
    ['((christmas OR xmas) NEAR/2 (gift OR present)) NEAR/2 (wife OR "girl friend")', 'xmas gift for my girl friend', true],
    ['((christmas OR xmas) NEAR/2 (gift OR present)) NEAR/2 (wife OR "girl friend")', 'xmas gift for my lovely sweet wife', false],
    ['deliv* NEAR/1 slow', 'delivery was slow', true],
    ['#coffee NEAR/1 love', 'I love #coffee', true],
    ['#coffee NEAR/1 love', 'I love coffee', false],
  ])('%s on %j → %s', (query, text, expected) => {
    expect(matches(query, text)).toBe(expected);
  });

  it('measures distances in a long text without missing far-apart pairs', () => {
    const text = `${'late '.repeat(300)}${'x '.repeat(50)}delivery`;
    expect(matches('late NEAR/50 delivery', text)).toBe(true);
    expect(matches('late NEAR/49 delivery', text)).toBe(false);
  });
});

describe('matcher: phrase proximity "a b"~n', () => {
  it.each([
    ['"apple juice"~2', 'apple juice', true],
    ['"apple juice"~2', 'juice of an apple', true], // any order, n words among them
    ['"apple juice"~1', 'juice of an apple', false],
    ['"apple juice"~0', 'juice apple', true],
    ['"fresh apple juice"~1', 'juice from fresh apple', true],
    ['"fresh apple juice"~1', 'juice from a fresh apple', false],
    ['"apple apple"~1', 'apple pie', false],
    ['"apple apple"~1', 'apple x apple', true],
  ])('%s on %j → %s', (query, text, expected) => {
    expect(matches(query, text)).toBe(expected);
  });

  it('finds the window around a rare word in a long text of common ones', () => {
    const text = `${'the '.repeat(500)}y x`;
    expect(matches('"the the the x"~0', text)).toBe(false);
    expect(matches('"the the the x"~1', text)).toBe(true);
    expect(matches('"x y"~0', text)).toBe(true);
  });
});

describe('matcher: scripts', () => {
  it('keeps Devanagari words whole: vowel signs and viramas are marks, not separators', () => {
    expect(matches('सिनेमा', 'यह सिनेमा बहुत अच्छा है')).toBe(true);
    expect(matches('सिन', 'यह सिनेमा बहुत अच्छा है')).toBe(false); // a word cut at a vowel sign is not a word
    expect(matches('सिन*', 'यह सिनेमा बहुत अच्छा है')).toBe(true);
    expect(matches('अच्छा', 'बहुत अच्छा')).toBe(true);
    expect(matches('"बहुत अच्छा"', 'यह बहुत अच्छा है')).toBe(true);
    expect(matches('अच', 'बहुत अच्छा')).toBe(false); // virama + consonant stay in the word
  });

  it('finds Cyrillic and Arabic words on word boundaries', () => {
    expect(matches('доставка', 'Бърза ДОСТАВКА!')).toBe(true);
    expect(matches('доставка', 'доставката')).toBe(false);
    expect(matches('قهوة NEAR/1 رائعة', 'قهوة جدا رائعة')).toBe(true);
    expect(matches('قهوة', 'قهوتي')).toBe(false);
    expect(matches('قهو*', 'قهوتي')).toBe(true);
  });

  it('matches romanized Hindi and Indonesian like any Latin text', () => {
    expect(matches('bahut NEAR/1 accha', 'ye bahut hi accha hai')).toBe(true);
    expect(matches('pengiriman NEAR/2 lambat', 'Pengiriman sangat lambat')).toBe(true);
  });
});

describe('matcher: hashtags and handles', () => {
  it.each([
    ['#coffee', 'Love #Coffee!', true],
    ['#coffee', 'love coffee', false], // a hashtag query needs the #
    ['#café', 'un #cafe', true],
    ['#cof*', '#coffeetime', true],
    ['#coffee', 'a#coffee', false], // not a hashtag (as extractHashtags decides)
    ['#coffee', 'https://x.com/#coffee', false],
    ['@brewly', 'thanks @Brewly!', true],
    ['@brewly', 'thanks brewly', false],
    ['@brewly', 'mail me at info@brewly.com', false],
    ['@alice', 'cc @alice@mastodon.social', true], // a bare handle matches it on any instance
    ['@alice@mastodon.social', 'cc @alice@mastodon.social', true],
    ['@alice@mastodon.social', 'cc @alice@fosstodon.org', false],
    ['@alice@mastodon.social', 'cc @alice', false],
    ['@ali*', 'cc @alice', true],
  ])('%s on %j → %s', (query, text, expected) => {
    expect(matches(query, text)).toBe(expected);
  });

  it('recognises hashtags exactly where extractHashtags does', () => {
    const texts = ['#a b#c #d_e #1 #12x (#f) #g,#h &#i /#j ##k #café #Ωμέγα #доставка #सिनेमा'];
    for (const text of texts) {
      for (const tag of extractHashtags(text)) expect(matches(`#${tag}`, text), tag).toBe(true);
      expect(matches('#c', text)).toBe(false);
      expect(matches('#1', text)).toBe(false);
      expect(matches('#i', text)).toBe(false);
      expect(matches('#j', text)).toBe(false);
    }
  });
});

describe('matcher: fields', () => {
  const mention: Matchable = {
    text: 'Nice beans',
    author: { handle: 'Alice@Mastodon.Social' },
    lang: 'pt-BR',
    source: 'mastodon',
    url: 'https://www.blog.Example.com/News/2026?id=1',
  };
  it.each([
    ['author:alice', true],
    ['author:alice@mastodon.social', true],
    ['author:alice@other.social', false],
    ['author:ali*', true],
    ['author:bob', false],
    ['author:(bob OR alice)', true],
    ['lang:pt', true],
    ['lang:pt-br', true],
    ['lang:en', false],
    ['source:mastodon', true],
    ['source:reddit', false],
    ['source:mast*', true],
    ['site:example.com', true], // subdomains included
    ['site:blog.example.com', true],
    ['site:ample.com', false],
    ['site:example.org', false],
    ['url:example.com/news', true],
    ['url:example.com/news/2026', true],
    ['url:example.com/sport', false],
    ['beans site:example.com NOT author:bob', true],
  ])('%s → %s', (query, expected) => {
    expect(compileQuery(query).matches(mention)).toBe(expected);
  });

  it('uses the network language hint when detection has not run, and nothing when both are missing', () => {
    expect(matches('lang:fr', 'x', { langHint: 'fr' })).toBe(true);
    expect(matches('lang:fr', 'x', { lang: 'en', langHint: 'fr' })).toBe(false);
    expect(matches('lang:fr', 'x')).toBe(false);
    expect(matches('NOT lang:fr', 'x')).toBe(true);
  });

  it('treats a missing or broken link as no site', () => {
    expect(matches('site:example.com', 'x', { url: null })).toBe(false);
    expect(matches('site:example.com', 'x', { url: 'not a url' })).toBe(false);
    expect(matches('author:alice', 'x', { author: null })).toBe(false);
  });
});

describe('matcher: {exact case}', () => {
  it.each([
    ['{BT}', 'I switched to BT broadband', true],
    ['{BT}', 'but bt is cheap', false],
    ['{BT}', 'Bt', false],
    ['{iPhone}', 'my iPhone', true],
    ['{iPhone}', 'my IPHONE', false],
    ['{Café Noir}', 'le Cafe\u0301 Noir', true], // same letters, decomposed
    ['{Café Noir}', 'le Cafe Noir', false], // accents count too
    ['{BT} NEAR/2 broadband', 'BT fibre broadband', true],
  ])('%s on %j → %s', (query, text, expected) => {
    expect(matches(query, text)).toBe(expected);
  });
});

describe('matcher: shared analysis', () => {
  it('re-analyses a mention whose text changed', () => {
    const query = compileQuery('brewly');
    const mention = { text: 'brewly' };
    expect(query.matches(mention)).toBe(true);
    mention.text = 'nothing';
    expect(query.matches(mention)).toBe(false);
  });
});
