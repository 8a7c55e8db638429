import { expect, it } from 'vitest';
import { shownLink } from './shown-link.ts';

it('shows a link the server guessed on the address the browser reached, and a configured one as given', () => {
  expect(shownLink('http://127.0.0.1:8080/r/Ab3dE5f?x=1', true, 'https://murmur.example.org')).toBe('https://murmur.example.org/r/Ab3dE5f?x=1');
  expect(shownLink('https://public.example.org/murmur/r/Ab3dE5f', false, 'https://internal.example')).toBe('https://public.example.org/murmur/r/Ab3dE5f');
  expect(shownLink('https://public.example.org/r/Ab3dE5f', undefined, 'https://internal.example')).toBe('https://public.example.org/r/Ab3dE5f');
});
