/**
 * Errors of the inbox with stable codes and HTTP statuses; the text shown to staff is
 * `inbox.error.<code>` in locales/.
 */
export const INBOX_ERRORS = {
  CB_ERR_UNAUTHENTICATED: 401,
  CB_ERR_BAD_CREDENTIALS: 401,
  CB_ERR_LOGIN_RATE_LIMITED: 429,
  CB_ERR_CSRF: 403,
  CB_ERR_FORBIDDEN: 403,
  CB_ERR_CASE_NOT_FOUND: 404,
  CB_ERR_INVALID_INPUT: 400,
  CB_ERR_INVALID_TRANSITION: 409,
  CB_ERR_OUTSIDE_WINDOW: 409,
  CB_ERR_TRANSFER_REFUSED: 409,
  CB_ERR_CONFLICT: 409,
  CB_ERR_PASSWORD_CHANGE_REQUIRED: 403,
} as const;

export type InboxErrorCode = keyof typeof INBOX_ERRORS;

export class InboxError extends Error {
  override name = 'InboxError';
  readonly code: InboxErrorCode;
  readonly status: number;
  /** Extra facts for the client (e.g. seconds to wait, why the window is closed). */
  readonly details: Readonly<Record<string, unknown>>;
  constructor(code: InboxErrorCode, message: string = code, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.status = INBOX_ERRORS[code];
    this.details = details;
  }
}
