/**
 * Stable error codes of the HTTP surface. A platform or an operator reading a log can rely on
 * the code; the message is for humans.
 */
export const HTTP_ERRORS = {
  CB_ERR_BAD_SIGNATURE: { status: 401, message: 'signature missing or invalid' },
  CB_ERR_MALFORMED_JSON: { status: 400, message: 'body is not valid JSON' },
  CB_ERR_MALFORMED_EVENT: { status: 400, message: 'body is not a webhook event of this platform' },
  CB_ERR_BODY_TOO_LARGE: { status: 413, message: 'body exceeds the size limit' },
  CB_ERR_UNSUPPORTED_MEDIA: { status: 415, message: 'body must be JSON' },
  CB_ERR_VERIFY_FAILED: { status: 403, message: 'verification token mismatch' },
  CB_ERR_QUEUE_UNAVAILABLE: { status: 503, message: 'could not queue the event; retry later' },
  CB_ERR_NOT_FOUND: { status: 404, message: 'not found' },
  CB_ERR_INTERNAL: { status: 500, message: 'internal error' },
} as const;

export type HttpErrorCode = keyof typeof HTTP_ERRORS;

export class HttpError extends Error {
  override name = 'HttpError';
  readonly code: HttpErrorCode;
  readonly status: number;
  constructor(code: HttpErrorCode, detail?: string) {
    super(detail ?? HTTP_ERRORS[code].message);
    this.code = code;
    this.status = HTTP_ERRORS[code].status;
  }
}

export function errorBody(code: HttpErrorCode, message: string = HTTP_ERRORS[code].message) {
  return { error: { code, message } };
}
