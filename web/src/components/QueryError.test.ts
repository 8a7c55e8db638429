import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { errorPosition, splitAt } from './QueryError.tsx';

describe('errorPosition', () => {
  it('prefers the position field of the API error', () => {
    expect(errorPosition(new ApiError(400, 'unexpected token at position 3', null, 7))).toBe(7);
  });
  it('reads the position the message names', () => {
    expect(errorPosition(new ApiError(400, 'invalid query: expected a term after AND at position 12'))).toBe(12);
  });
  it('gives null when the message names no place', () => {
    expect(errorPosition(new ApiError(400, 'query is empty'))).toBeNull();
  });
});

describe('splitAt', () => {
  it('puts the 1-based position on the faulty character', () => {
    expect(splitAt('acme AND', 6)).toEqual({ before: 'acme ', at: 'A', after: 'ND', column: 5 });
  });
  it('marks a blank past the end when the query stops too early', () => {
    expect(splitAt('acme AND', 9)).toEqual({ before: 'acme AND', at: ' ', after: '', column: 8 });
  });
  it('counts characters, so an emoji before the error does not shift the caret', () => {
    expect(splitAt('😀 OR', 3).at).toBe('O');
  });
});
