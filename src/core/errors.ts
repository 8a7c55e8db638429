/**
 * The one base class of the errors Murmur throws on purpose. Each carries a stable
 * `code` (for scripts and the dashboard: it never changes with the wording) and the HTTP
 * `status` it means, so the server maps errors without knowing the parts, and the CLI
 * prints them as the user's errors. Anything else that escapes (a TypeError, a RangeError
 * from a bug) is the server's fault: a 500, logged.
 */
export class MurmurError extends Error {
  constructor(
    /** Stable, snake_case: `unknown_topic`, `invalid_input`… */
    readonly code: string,
    /** The HTTP status this error answers with: 4xx for the caller's errors. */
    readonly status: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Something named (a workspace, a topic, a plan…) does not exist. */
export class NotFoundError extends MurmurError {
  override name = 'NotFoundError';
  constructor(message: string, code = 'not_found') {
    super(code, 404, message);
  }
}

/** A topic named by id or name is not in the workspace; the message lists the ones there are. */
export class UnknownTopicError extends NotFoundError {
  constructor(message: string) {
    super(message, 'unknown_topic');
  }
}

/** Work a request started was stopped because the server is shutting down (SIGTERM): try again later. */
export class ShuttingDownError extends MurmurError {
  override name = 'ShuttingDownError';
  constructor() {
    super('shutting_down', 503, 'the server is shutting down; try again once it is back');
  }
}
