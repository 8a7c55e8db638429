/** Errors the accounts part throws; the HTTP layer maps them by name (404, 409, 400). */
export class AccountNotFoundError extends Error {
  override name = 'NotFoundError';
}

export class AccountConflictError extends Error {
  override name = 'ConflictError';
}

export class AccountInputError extends Error {
  override name = 'ValidationError';
}
