/**
 * The custom fields of a credential or device as a save writes them: text values in the record,
 * each secret value sealed in the vault under its own key (like the password), never in the record.
 * Shared by the credential and device services.
 */
import type {
  CustomField,
  CustomFieldInput,
  CustomFieldView,
  CustomValues,
} from '../../shared/domain/custom-fields';
import type { SecretVault } from '../vault/secret-vault';
import { ServiceError } from './service-error';

/** `credential-field:12:API_KEY`: one vault entry per secret field, so keeping one reads nothing. */
export const customFieldRef = (owner: 'credential' | 'device', id: number, name: string): string =>
  `${owner}-field:${id}:${name}`;

export interface CustomFieldPlan {
  /** As the record keeps them: a secret field's value is empty. */
  readonly fields: CustomField[];
  /** For the audit entry, by name only: `customFields.API_KEY`. */
  readonly changed: string[];
  readonly writes: ReadonlyMap<string, string>;
  readonly removals: readonly string[];
}

/** The names of the secret fields with a stored value: those a save may keep (empty value). */
export const storedSecretNames = (fields: readonly CustomField[] | undefined): ReadonlySet<string> =>
  new Set((fields ?? []).filter((f) => f.kind === 'secret').map((f) => f.name));

/** What saving `input` over `before` (the record's fields; none for a new record) changes. */
export function planCustomFields(
  owner: 'credential' | 'device',
  id: number,
  before: readonly CustomField[],
  input: readonly CustomFieldInput[],
): CustomFieldPlan {
  const previous = new Map(before.map((f) => [f.name, f]));
  const fields: CustomField[] = [];
  const changed: string[] = [];
  const writes = new Map<string, string>();
  for (const field of input) {
    const name = field.name.trim();
    const old = previous.get(name);
    previous.delete(name);
    const secret = field.kind === 'secret';
    fields.push({ name, kind: field.kind, value: secret ? '' : field.value });
    if (secret && field.value !== '') writes.set(customFieldRef(owner, id, name), field.value);
    const same = old?.kind === field.kind && (secret ? field.value === '' : old.value === field.value);
    if (!same) changed.push(`customFields.${name}`);
  }
  // A field removed, or no longer secret: its sealed value goes with it.
  const removals = before
    .filter((f) => f.kind === 'secret' && !fields.some((n) => n.name === f.name && n.kind === 'secret'))
    .map((f) => customFieldRef(owner, id, f.name));
  for (const name of previous.keys()) changed.push(`customFields.${name}`);
  const reordered =
    changed.length === 0 && before.map((f) => f.name).join() !== fields.map((f) => f.name).join();
  if (reordered) changed.push('customFields');
  return { fields, changed, writes, removals };
}

/**
 * The fields as the renderer sees them: each says whether it has a value, a secret one by asking
 * the vault whether it holds the entry (answered while locked too; the value is never read). One
 * imported without its value has none until it is typed. Without a vault, no secret has one.
 */
export function customFieldViews(
  vault: Pick<SecretVault, 'has'> | undefined,
  owner: 'credential' | 'device',
  id: number,
  fields: readonly CustomField[],
): CustomFieldView[] {
  return fields.map((f) => ({
    ...f,
    hasValue: f.kind === 'text' ? f.value !== '' : (vault?.has(customFieldRef(owner, id, f.name)) ?? false),
  }));
}

/** Whether the plan writes to the vault (which must then be unlocked). */
export const touchesVault = (plan: CustomFieldPlan): boolean =>
  plan.writes.size > 0 || plan.removals.length > 0;

/** Writes the plan's secrets; returns how to put the previous ones back. */
export async function writeCustomSecrets(
  vault: SecretVault,
  plan: CustomFieldPlan,
): Promise<() => Promise<void>> {
  const undo: (() => Promise<void>)[] = [];
  const restore = async () => {
    for (const step of undo.reverse()) await step();
  };
  try {
    const refs = [...plan.writes.keys(), ...plan.removals];
    for (const ref of refs) {
      const previous = vault.has(ref) ? vault.get(ref) : undefined;
      const value = plan.writes.get(ref);
      if (value !== undefined) await vault.put(ref, value);
      else if (previous !== undefined) await vault.remove(ref);
      undo.push(() => (previous === undefined ? vault.remove(ref) : vault.put(ref, previous)));
    }
  } catch (error) {
    await restore().catch(() => undefined);
    throw error;
  }
  return restore;
}

/**
 * The values of a record's custom fields for a run, secret ones read from the vault. A secret
 * whose value is missing is left out: the run then refuses the tag by name.
 */
export function customValues(
  vault: SecretVault,
  owner: 'credential' | 'device',
  id: number,
  fields: readonly CustomField[],
): CustomValues {
  const text: Record<string, string> = {};
  const secret: Record<string, string> = {};
  for (const field of fields) {
    if (field.kind === 'text') {
      text[field.name] = field.value;
      continue;
    }
    const ref = customFieldRef(owner, id, field.name);
    if (!vault.has(ref)) continue;
    if (vault.status().state !== 'unlocked')
      throw new ServiceError(
        'locked',
        'The vault is locked: unlock it to run templates with secret custom fields',
      );
    secret[field.name] = vault.get(ref);
  }
  return { text, secret };
}
