// The API contract of every cloud function: function name → action name → definition.
import { account } from './account';
import type { InputOf, OutputOf } from './contract';
import { cases } from './cases';
import { consultation } from './consultation';
import { laws } from './laws';
import { liaison } from './liaison';
import { openness } from './openness';
import { petition } from './petition';
import { publish } from './publish';
import { supervision } from './supervision';

export const contract = {
  account,
  supervision,
  petition,
  cases,
  publish,
  laws,
  openness,
  consultation,
  liaison,
} as const;

export type Contract = typeof contract;
export type FunctionName = keyof Contract;
export type ActionName<F extends FunctionName> = keyof Contract[F] & string;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = InputOf<Contract[F][A]>;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = OutputOf<
  Contract[F][A]
>;

/** The event every cloud function receives from the mini program. */
export interface ActionEvent {
  action: string;
  input?: unknown;
}

export * from './errors';
export * from './contract';
export * from './org';
export * from './fields';
export type * from './account';
export * from './supervision';
export * from './petition';
export * from './calendar';
export * from './cases';
export * from './publish';
export * from './laws';
export * from './openness';
export * from './consultation';
export * from './liaison';
