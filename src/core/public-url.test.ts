import { expect, it } from 'vitest';
import { cliPublicBase, givenBase, guessedBaseWarning, publicBase, publicUrl } from './public-url.ts';

it('takes MURMUR_PUBLIC_URL when set, keeping a path prefix and dropping the trailing slash', () => {
  expect(publicBase('http://10.0.0.5:8080', { MURMUR_PUBLIC_URL: 'https://murmur.example.org/' })).toEqual({ url: 'https://murmur.example.org', guessed: false });
  const prefixed = publicBase(undefined, { MURMUR_PUBLIC_URL: 'https://example.org/murmur/' });
  expect(publicUrl(prefixed, '/r/abc1234')).toBe('https://example.org/murmur/r/abc1234');
});

it('falls back to the listen address, flagged as a guess and said so', () => {
  const base = publicBase('http://127.0.0.1:9090', {});
  expect(base).toEqual({ url: 'http://127.0.0.1:9090', guessed: true });
  expect(guessedBaseWarning(base)).toMatch(/MURMUR_PUBLIC_URL is not set: links Murmur gives start with http:\/\/127\.0\.0\.1:9090/);
  expect(guessedBaseWarning(publicBase(undefined, { MURMUR_PUBLIC_URL: 'https://murmur.example.org' }))).toBeNull();
  // A blank variable is unset, not an address.
  expect(publicBase('http://127.0.0.1:8080', { MURMUR_PUBLIC_URL: '  ' }).guessed).toBe(true);
});

it('refuses a malformed address, naming where it came from', () => {
  expect(() => publicBase(undefined, { MURMUR_PUBLIC_URL: 'murmur.example.org' })).toThrow('MURMUR_PUBLIC_URL: "murmur.example.org" is not an absolute URL');
  expect(() => publicBase(undefined, { MURMUR_PUBLIC_URL: 'ftp://murmur.example.org' })).toThrow(/must start with http:\/\/ or https:\/\//);
  expect(() => givenBase('https://u:p@murmur.example.org', '--base-url')).toThrow(/^--base-url: .* must not carry a query, a fragment or credentials/);
  expect(() => cliPublicBase('https://murmur.example.org/?x=1')).toThrow(/^--base-url:/);
  expect(cliPublicBase('https://murmur.example.org')).toEqual({ url: 'https://murmur.example.org', guessed: false });
});
