// Messages between the host and a function's worker thread.

export interface InvokeMessage {
  t: 'invoke';
  id: number;
  event: unknown;
  /** The caller's context, set as the worker's own process.env for this invocation only. */
  env: Record<string, string>;
  context: Record<string, unknown>;
}
export interface ReplyMessage {
  t: 'reply';
  rid: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}
export type HostToWorker = InvokeMessage | ReplyMessage;

export interface ReadyMessage {
  t: 'ready';
}
export interface LoadErrorMessage {
  t: 'load-error';
  error: string;
}
export interface RpcMessage {
  t: 'rpc';
  rid: number;
  kind: 'db' | 'platform';
  api?: string;
  data: unknown;
}
export interface DoneMessage {
  t: 'done';
  id: number;
  ok: boolean;
  /** JSON text of the function's return value, as CloudBase serialises it. */
  json?: string;
  error?: { name: string; message: string; stack?: string };
}
export type WorkerToHost = ReadyMessage | LoadErrorMessage | RpcMessage | DoneMessage;

export interface WorkerData {
  entry: string;
  baseEnv: Record<string, string>;
}
