/** How a connector fails; connector.ts re-exports these for the connectors. */
/** A connector's failure, with the part of the run it concerns in the message. */
export class ConnectorError extends Error {
  override name = 'ConnectorError';
}

/** The network answered with something its documentation does not allow. */
export class MalformedResponseError extends ConnectorError {
  override name = 'MalformedResponseError';
}

/** Credentials were refused even after a fresh login: a person must fix them. */
export class AuthError extends ConnectorError {
  override name = 'AuthError';
}
