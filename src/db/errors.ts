/**
 * What a failed query means for the work that ran it: the database is unreachable for now
 * (wait and try again, however long it takes), or the data can never be stored (retrying is
 * pointless: the work goes to the dead letters).
 */

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

// 08: connection exception; 57P01-03: the server is shutting down or starting; 53300: no slot.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;

// node-postgres reports a dropped socket or a pool that could not connect in words only.
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|terminating connection/i;

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** PostgreSQL cannot be reached right now (restart, network): the same work will succeed later. */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = codeOf(err);
  if (code && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  return UNAVAILABLE_MESSAGE.test(err.message);
}

/**
 * The values themselves cannot be stored (class 22, data exception: a NUL byte, a lone
 * surrogate, a time out of range), or could not even be sent (an invalid Date).
 */
export function isDataError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = codeOf(err);
  if (code?.startsWith('22')) return true;
  return err instanceof RangeError && /time value/i.test(err.message);
}
