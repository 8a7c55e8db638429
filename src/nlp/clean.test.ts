import { describe, expect, it } from 'vitest';
import { cleanForLangid, decodeArtifacts } from './clean.ts';

describe('cleanForLangid', () => {
  it('drops links, handles, placeholders, RT, #, emoji, numbers and punctuation; keeps hashtag words', () => {
    expect(cleanForLangid('RT @user: Grande #Festa a Roma 2026!! 🎉 http https://t.co/AbC @bob@mastodon.social')).toBe('grande festa a roma');
  });

  it('decodes the corpora artefacts before cleaning', () => {
    expect(decodeArtifacts('i\\u2019m &amp; you')).toBe('i’m & you');
    expect(cleanForLangid('Tom &amp; Jerry')).toBe('tom jerry');
  });

  it('keeps letters of every script and their marks', () => {
    expect(cleanForLangid('Не е добре! مرحبا नमस्ते')).toBe('не е добре مرحبا नमस्ते');
  });
});
