// The closed list of error codes every action may answer, and the result envelope.

export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'RATE_LIMITED',
  'CONTENT_REJECTED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one field of the input: a dotted path and a message a citizen can act on. */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface ActionError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
  /** Set on INTERNAL errors, so staff can find the log line; never carries details. */
  requestId?: string;
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };
