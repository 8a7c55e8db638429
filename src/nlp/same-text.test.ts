import { expect, it } from 'vitest';
import { sameTextKey } from './same-text.ts';

it('reads a repost with another link, handle or RT as the same text', () => {
  const key = sameTextKey('Zug fällt wieder aus! https://t.co/abc @DB_Bahn');
  expect(sameTextKey('RT @someone: zug fällt wieder aus https://t.co/xyz')).toBe(key);
  expect(sameTextKey('Zug fällt heute aus')).not.toBe(key);
});
