import type { CredentialFields } from '../../../shared/domain/credential';

/** An existing credential a bundle credential names as its authentication credential. */
export interface KeptAuth {
  /** `user @ device`. */
  readonly label: string;
  /** The existing device it belongs to. */
  readonly deviceId: number;
}

const templateSlots = [
  'enableTemplateId',
  'disableTemplateId',
  'createTemplateId',
  'deleteTemplateId',
] as const;

/**
 * Why a bundle credential may not log in with a credential that is already here (one the import
 * skipped, because its device was skipped), or undefined. A Skip points the bundle's references
 * at the existing credential, and with it this installation's password or key: the file must not
 * choose where that secret is sent (a device the bundle brings, or any other device: its address)
 * nor what runs logged in with it (a template the bundle brings: its content). On the existing
 * credential's own device, with templates that are here, it is what the form could set.
 * Provisional ids (below zero) are the bundle's own devices and templates.
 */
export function keptAuthProblem(
  fields: Pick<CredentialFields, 'deviceId' | 'jit'>,
  auth: KeptAuth,
  names: { readonly device: string; readonly template: (id: number) => string | undefined },
): string | undefined {
  const rule = `${auth.label} is a credential here: a credential of this bundle may log in with it only on its device and with templates that are here`;
  if (fields.deviceId !== auth.deviceId) return `${rule}, not on "${names.device}"`;
  const brought = templateSlots
    .map((slot) => fields.jit[slot])
    .filter((id): id is number => id !== null && id < 0);
  const first = brought[0];
  if (first !== undefined)
    return `${rule}, not with this bundle's template "${names.template(first) ?? first}"`;
  return undefined;
}
