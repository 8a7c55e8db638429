import { describe, expect, it } from 'vitest';
import { ComposeSchema, linksOf, postLength, postProblems } from './post-rules.ts';

describe('post length as each network counts it', () => {
  it('counts a Mastodon link as 23 characters however long it is', () => {
    const url = `https://example.com/${'a'.repeat(200)}`;
    expect(postLength('mastodon', `read ${url}`)).toBe(5 + 23);
    expect(postLength('bluesky', `read ${url}`)).toBe(5 + url.length);
  });

  it('counts a Mastodon mention without its domain', () => {
    expect(postLength('mastodon', 'hi @ana@example.social!')).toBe('hi @ana!'.length);
  });

  it('counts graphemes, not UTF-16 units (an emoji family is one)', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(family.length).toBe(11);
    expect(postLength('bluesky', family)).toBe(1);
    expect(postLength('mastodon', `é${family}`)).toBe(2);
  });

  it('stops a trailing full stop from becoming part of a link', () => {
    expect(linksOf('see https://example.com/a. and http://b.org')).toEqual(['https://example.com/a', 'http://b.org']);
  });

  it('names the network and its limit when a post is too long', () => {
    const body = 'x'.repeat(301);
    expect(postProblems('bluesky', body)).toEqual([{ path: ['body'], message: '301 characters as bluesky counts them; bluesky allows 300' }]);
    expect(postProblems('mastodon', body)).toEqual([]);
  });
});

describe('the composer schema', () => {
  const post = { planId: 1, channels: ['mastodon', 'bluesky'], title: 'Launch', body: 'We launch today', owner: 'ana' };

  it('accepts a post that fits every picked network', () => {
    expect(ComposeSchema.parse(post)).toMatchObject({ media: [], scheduledAt: null });
  });

  it('refuses a post too long for one of the picked networks only', () => {
    const result = ComposeSchema.safeParse({ ...post, body: 'y'.repeat(400) });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toEqual(['400 characters as bluesky counts them; bluesky allows 300']);
    expect(ComposeSchema.safeParse({ ...post, channels: ['mastodon'], body: 'y'.repeat(400) }).success).toBe(true);
  });

  it('requires alt text on every picture', () => {
    const result = ComposeSchema.safeParse({ ...post, media: [{ url: 'https://example.com/a.png', alt: '  ' }] });
    expect(result.error!.issues[0]).toMatchObject({ path: ['media', 0, 'alt'] });
  });

  it('refuses text no store can keep and a time no Date can hold', () => {
    expect(ComposeSchema.safeParse({ ...post, body: 'a\u0000b' }).error!.issues[0]).toMatchObject({ path: ['body'], message: expect.stringMatching(/U\+0000/) });
    expect(ComposeSchema.safeParse({ ...post, title: 'é\uD800' }).success).toBe(false);
    expect(ComposeSchema.safeParse({ ...post, scheduledAt: 1e308 }).success).toBe(false);
  });

  it('refuses no network, a network twice, or an unknown one', () => {
    expect(ComposeSchema.safeParse({ ...post, channels: [] }).success).toBe(false);
    expect(ComposeSchema.safeParse({ ...post, channels: ['bluesky', 'bluesky'] }).success).toBe(false);
    expect(ComposeSchema.safeParse({ ...post, channels: ['x'] }).success).toBe(false);
  });
});
