import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { errorPosition } from './QueryError.tsx';

describe('errorPosition', () => {
  it('prefers the position field of the API error', () => {
    expect(errorPosition(new ApiError(400, 'unexpected token at position 3', null, 7))).toBe(7);
  });
  it('reads a 0-based position or a 1-based column from the message', () => {
    expect(errorPosition(new ApiError(400, 'unexpected ")" at position 12'))).toBe(12);
    expect(errorPosition(new ApiError(400, 'unclosed quote (line 1, column 5)'))).toBe(4);
  });
  it('gives null when the message names no place', () => {
    expect(errorPosition(new ApiError(400, 'query is empty'))).toBeNull();
  });
});
