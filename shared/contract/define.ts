import type { z } from 'zod';

/** One RPC method: its input and output schemas. The core validates both. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** Shown in errors and docs; say what the method does for the user. */
  readonly summary: string;
}

export type MethodTable = Record<string, MethodSpec>;
export type EventTable = Record<string, z.ZodType>;

/** Identity helpers that keep the literal method names while checking the shape. */
export const defineMethods = <T extends MethodTable>(table: T): T => table;
export const defineEvents = <T extends EventTable>(table: T): T => table;
