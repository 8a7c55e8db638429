/** Errors the accounts part throws; each carries its HTTP status (404, 409, 400). */
import { MurmurError, NotFoundError } from '../core/errors.ts';

export class AccountNotFoundError extends NotFoundError {}

export class AccountConflictError extends MurmurError {
  override name = 'ConflictError';
  constructor(message: string) {
    super('conflict', 409, message);
  }
}

export class AccountInputError extends MurmurError {
  override name = 'ValidationError';
  constructor(message: string) {
    super('invalid_input', 400, message);
  }
}
