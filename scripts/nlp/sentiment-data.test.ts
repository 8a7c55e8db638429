import { describe, expect, it } from 'vitest';
import { detokenizeSentimix } from './sentiment-data.ts';

describe('detokenizeSentimix', () => {
  it('joins apostrophes and trailing punctuation that CoNLL tokens split off', () => {
    expect(detokenizeSentimix('They aren ’ t real issues !')).toBe('They aren’t real issues!');
    expect(detokenizeSentimix('Hehe . I saw that coming . And it ’ s from someone ’ s shaadi . 🤩')).toBe('Hehe. I saw that coming. And it’s from someone’s shaadi. 🤩');
    expect(detokenizeSentimix('kya hua ?? nahi')).toBe('kya hua?? nahi');
  });

  it('leaves text written normally as it is', () => {
    expect(detokenizeSentimix("It's fine... really! https://t.co/X")).toBe("It's fine... really! https://t.co/X");
  });
});
