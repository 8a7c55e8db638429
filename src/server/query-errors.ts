/**
 * A malformed topic query is a validation error on one field: the API answers 400 with
 * the field's path and the 1-based character position, so the dashboard can point at it.
 */
import { QuerySyntaxError } from '../listen/query/errors.ts';
import { HttpError } from './errors.ts';

export async function withQueryField<T>(path: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      throw new HttpError(400, `invalid query: ${error.message}`, [{ path, message: error.problem, position: error.position }]);
    }
    throw error;
  }
}
