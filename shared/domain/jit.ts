/**
 * The JIT types, their directions and their template pairs, defined once: the credential rules,
 * Test on a device, the lifecycle and the renderer all read them from here.
 *
 * Enable/Disable switches the credential's own account on for a session and off afterwards;
 * Creation and deletion creates an ephemeral account for the session and removes it afterwards.
 */
import { z } from 'zod';
import type { ExecutionType } from './template';

export const jitTypes = ['enable_disable', 'create_delete'] as const;
export const jitTypeSchema = z.enum(jitTypes);
export type JitType = z.infer<typeof jitTypeSchema>;
export const jitTypeLabels: Readonly<Record<JitType, string>> = {
  enable_disable: 'Enable/Disable',
  create_delete: 'Creation and deletion',
};

/** A direction names the JIT Settings fields of its template: `enablePluginId`, `enableTemplateId`... */
export type JitDirection = 'enable' | 'disable' | 'create' | 'delete';

/** The execution type each JIT direction needs. */
export const jitExecutionTypes = {
  enable: 'Credential enable',
  disable: 'Credential disable',
  create: 'New user',
  delete: 'User delete',
} as const satisfies Record<JitDirection, ExecutionType>;

/** Each type's two directions: the one that opens a session and the one that always closes it. */
export const jitPairs: Readonly<
  Record<JitType, { readonly provision: JitDirection; readonly cleanup: JitDirection }>
> = {
  enable_disable: { provision: 'enable', cleanup: 'disable' },
  create_delete: { provision: 'create', cleanup: 'delete' },
};

/** The JIT type whose pair is `first` then `second`, or undefined when they are not a pair in that order. */
export function jitPairOf(first: ExecutionType, second: ExecutionType): JitType | undefined {
  return jitTypes.find(
    (type) =>
      jitExecutionTypes[jitPairs[type].provision] === first &&
      jitExecutionTypes[jitPairs[type].cleanup] === second,
  );
}

/** The other half of `executionType`'s pair, or undefined outside the JIT pairs. */
export function jitPartnerType(executionType: ExecutionType): ExecutionType | undefined {
  for (const type of jitTypes) {
    const provision = jitExecutionTypes[jitPairs[type].provision];
    const cleanup = jitExecutionTypes[jitPairs[type].cleanup];
    if (executionType === provision) return cleanup;
    if (executionType === cleanup) return provision;
  }
  return undefined;
}

/** Whether `executionType` opens a session (create, enable): it runs first in a round trip. */
export function opensSession(executionType: ExecutionType): boolean {
  return jitTypes.some((type) => jitExecutionTypes[jitPairs[type].provision] === executionType);
}

/** The JIT type a template of `executionType` belongs to, or undefined outside the JIT pairs. */
export function jitTypeOfExecution(executionType: ExecutionType): JitType | undefined {
  return jitTypes.find((type) =>
    Object.values(jitPairs[type]).some((direction) => jitExecutionTypes[direction] === executionType),
  );
}

/**
 * Whether "Use own credential to connect" is allowed for a JIT type: not for Enable/Disable, whose
 * account is disabled between sessions and so cannot log in to enable itself.
 */
export function allowsOwnCredential(type: JitType | null): boolean {
  return type !== 'enable_disable';
}

/** How many random digits follow the prefix in a Creation and deletion session's account name. */
export const ephemeralDigits = 7;

/** What a generated account name looks like, for the form: `senseg` and 7 digits, e.g. `senseg1234567`. */
export function ephemeralNameExample(prefix: string): string {
  return `${prefix}${'1234567890'.slice(0, ephemeralDigits)}`;
}
