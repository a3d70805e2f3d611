// The one wx-server-sdk instance of a function: initialised once per instance, as CloudBase keeps it warm.
import * as cloud from 'wx-server-sdk';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

/* The SDK's own typings mix callback and promise styles; this is the promise surface we use. */
export type Doc = object;
export interface UpdateResult {
  stats: { updated: number };
}
export interface DocRef<T = Doc> {
  get(): Promise<{ data: T | null }>;
  update(o: { data: Doc }): Promise<UpdateResult>;
  set(o: { data: Doc }): Promise<{ _id: string; stats: { updated: number; created: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}
export interface Query<T = Doc> {
  where(q: Doc): Query<T>;
  orderBy(field: string, direction: 'asc' | 'desc'): Query<T>;
  skip(n: number): Query<T>;
  limit(n: number): Query<T>;
  field(f: Record<string, boolean>): Query<T>;
  get(): Promise<{ data: T[] }>;
  count(): Promise<{ total: number }>;
  update(o: { data: Doc }): Promise<UpdateResult>;
  remove(): Promise<{ stats: { removed: number } }>;
}
export interface Collection<T = Doc> extends Query<T> {
  doc(id: string): DocRef<T>;
  add(o: { data: Doc }): Promise<{ _id: string }>;
}
export interface TransactionCollection<T = Doc> {
  doc(id: string): DocRef<T>;
  add(o: { data: Doc }): Promise<{ _id: string }>;
}
export interface Transaction {
  collection<T = Doc>(name: string): TransactionCollection<T>;
}
type Sdk = ReturnType<typeof cloud.database>;
export interface Database {
  collection<T = Doc>(name: string): Collection<T>;
  command: Sdk['command'];
  serverDate(o?: { offset: number }): unknown;
  runTransaction<T>(run: (t: Transaction) => Promise<T>, times?: number): Promise<T>;
}

/** `throwOnNotFound: false`: a missing document reads as null instead of throwing errCode -1. */
export const db = cloud.database({ throwOnNotFound: false } as never) as unknown as Database;
export const _ = db.command;
export { cloud };

/** A CloudBase SDK error (errCode/errMsg), as thrown by database and openapi calls. */
export interface SdkError {
  errCode: number;
  errMsg: string;
}

export function isSdkError(e: unknown): e is SdkError {
  return typeof e === 'object' && e !== null && typeof (e as SdkError).errCode === 'number';
}
