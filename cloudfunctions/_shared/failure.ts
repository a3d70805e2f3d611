// A handler stops with `throw new Failure(code, message)`; the action builder turns it into the envelope.
import type { ErrorCode, FieldIssue } from '../../typings/errors';

export class Failure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'Failure';
  }
}

export const notFound = (what: string) => new Failure('NOT_FOUND', `未找到该${what}`);
