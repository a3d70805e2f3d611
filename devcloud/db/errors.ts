// The errors the database service answers with: `{ code, message }` bodies, as the CloudBase HTTP
// service returns them. The SDK (node-sdk's `processReturn`, then wx-server-sdk's error checker)
// turns `code` into the user's `errCode` through `TCB_ERR_CODE`; codes missing from that table
// surface as -501001 with the message kept in `errMsg`.

export type DbErrorCode =
  | 'DATABASE_REQUEST_FAILED' // -502001
  | 'DATABASE_INVALID_OPERRATOR' // -502002 (sic, as spelled by the service and the SDK)
  | 'DATABASE_PERMISSION_DENIED' // -502003
  | 'DATABASE_COLLECTION_NOT_EXIST' // -502005
  | 'DATABASE_COLLECTION_ALREADY_EXIST' // not in TCB_ERR_CODE: -501001
  | 'DATABASE_DUPLICATE_WRITE' // not in TCB_ERR_CODE: -501001
  | 'DATABASE_TRANSACTION_CONFLICT' // what runTransaction retries on
  | 'EXCEED_MAX_RESPONSE_SIZE' // not in TCB_ERR_CODE: -501001
  | 'INVALID_PARAM' // -501007
  | 'INVALID_ACTION'; // not in TCB_ERR_CODE: -501001

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

/**
 * The message CloudBase answers for a missing collection, as users report it
 * (errCode -502005 "database collection not exists",
 * https://github.com/Voyzz/Fruit-store-mp/issues/9).
 */
export function collectionNotExist(): DbError {
  return new DbError(
    'DATABASE_COLLECTION_NOT_EXIST',
    '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.',
  );
}

/**
 * A unique index (or `_id`) violation. CloudBase's code for it is DATABASE_DUPLICATE_WRITE
 * ("index key duplicate, for example inserting data with same _id",
 * https://docs.cloudbase.net/en/error-code/DATABASE_DUPLICATE_WRITE); the message is MongoDB's.
 */
export function duplicateKey(collection: string, index: string, key: string): DbError {
  return new DbError(
    'DATABASE_DUPLICATE_WRITE',
    `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`,
  );
}

/** https://docs.cloudbase.net/error-code/EXCEED_MAX_RESPONSE_SIZE */
export function responseTooLarge(): DbError {
  return new DbError(
    'EXCEED_MAX_RESPONSE_SIZE',
    'Response size exceeds maximum response 1MB limit. (database query result size exceed limit (1MB))',
  );
}

export function transactionConflict(detail: string): DbError {
  return new DbError('DATABASE_TRANSACTION_CONFLICT', `database transaction conflict: ${detail}`);
}

export function requestFailed(message: string): DbError {
  return new DbError('DATABASE_REQUEST_FAILED', message);
}

export function invalidOperator(message: string): DbError {
  return new DbError('DATABASE_INVALID_OPERRATOR', message);
}

export function invalidParam(message: string): DbError {
  return new DbError('INVALID_PARAM', message);
}
