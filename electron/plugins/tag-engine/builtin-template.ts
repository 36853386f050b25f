import type { ExecutionType } from '../../../shared/domain/template';

/** A read-only template the app ships (Clone to edit). `key` is stable across releases. */
export interface BuiltinTemplate {
  readonly key: string;
  readonly name: string;
  readonly executionType: ExecutionType;
  readonly description: string;
  readonly content: string;
}

/** The ownership marker built-in templates write, and the deletion templates look for. */
export const managedMarker = 'managed by jit-pam';
