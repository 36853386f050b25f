import type { RunFailureKind } from '../plugin-runtime';
import { Interrupted } from './interrupt';
import { Refusal } from './refusal';

/** Connecting or authenticating failed (RunFailure kind 'connect'). */
export class ConnectFailed extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConnectFailed';
  }
}

export function failureKind(error: unknown): RunFailureKind {
  if (error instanceof Refusal) return 'refused';
  if (error instanceof Interrupted) return error.kind;
  if (error instanceof ConnectFailed) return 'connect';
  return 'target';
}

/** One line: templates' statements and server messages can span several. */
export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
