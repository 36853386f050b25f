/**
 * The Credential dialog's model. Text is kept as typed and drop-downs as ids; Save turns the draft
 * into the contract's input with the shared schema (`credentialInputSchema`), runs the shared rules
 * (`checkCredential`, the same the core runs) on the lists the dialog loaded, and maps every error,
 * from either or from the core's `field`, to the control it belongs to.
 */
import {
  credentialInputSchema,
  defaultJit,
  keyChangeSchema,
  maxPasswordLength,
  maxPrivateKeyLength,
  passwordChangeSchema,
  type Credential,
  type CredentialFields,
  type CredentialJit,
  type KeyChange,
  type PasswordChange,
} from '../../../../shared/domain/credential';
import { checkCredential, type RuleContext } from '../../../../shared/domain/rules/credential-rules';
import type { Failure } from '../../../../shared/result';
import { splitTags } from '../filter-draft';
import {
  inputOf,
  rowErrors,
  rowsFrom,
  sameRows,
  type CustomFieldRow,
} from '../../custom-fields/custom-field-rows';

/** What happens to the password on Save: kept as stored (or none for a new one), typed, or generated. */
export type PasswordMode = 'keep' | 'generate';

export interface CredentialDraft {
  username: string;
  type: CredentialFields['type'];
  deviceId: number | null;
  domain: string;
  additionalInfo: string;
  status: CredentialFields['status'];
  tags: string;
  jit: CredentialJit;
  passwordMode: PasswordMode;
  /** Typed by the user in this dialog; sent only when not empty (action `set`). */
  password: string;
  /** An SSH private key pasted or loaded from a file in this dialog; sent only when not empty. */
  privateKey: string;
  /** The passphrase of `privateKey`, when it is encrypted. */
  keyPassphrase: string;
  /** Clear pressed: Save removes the stored key. */
  keyClear: boolean;
  /** Values for templates' user-defined tags; secret ones typed only (see CustomFieldsSection). */
  customFields: CustomFieldRow[];
}

/** Every place an error can show, in the order the form shows them (the first one gets focus). */
export const errorSlots = [
  'username',
  'type',
  'deviceId',
  'domain',
  'additionalInfo',
  'status',
  'password',
  'privateKey',
  'keyPassphrase',
  'tags',
  'customFields',
  'jit.enabled',
  'jit.type',
  'jit.useOwnCredential',
  'jit.authCredentialId',
  'jit.enablePluginId',
  'jit.enableTemplateId',
  'jit.disablePluginId',
  'jit.disableTemplateId',
  'jit.createPluginId',
  'jit.createTemplateId',
  'jit.deletePluginId',
  'jit.deleteTemplateId',
  'form',
] as const;
export type ErrorSlot = (typeof errorSlots)[number];
export type FieldErrors = Partial<Record<ErrorSlot, string>>;

export type DialogTab = 'information' | 'jit';
export const tabOf = (slot: ErrorSlot): DialogTab | undefined =>
  slot === 'form' ? undefined : slot.startsWith('jit.') ? 'jit' : 'information';

export function firstErrorSlot(errors: FieldErrors): ErrorSlot | undefined {
  return errorSlots.find((slot) => errors[slot] !== undefined);
}

const isSlot = (path: string): path is ErrorSlot => (errorSlots as readonly string[]).includes(path);

/**
 * A schema or core path (`credential.jit.enableTemplateId`, `tags.2`, `password.value`) to the
 * slot it is shown in. The core names paths in its own input, `{ id, credential, password }`.
 */
export function slotForPath(path: string): ErrorSlot {
  const parts = path.split('.').filter((p) => p !== '');
  if (parts[0] === 'credential') parts.shift();
  const [head, next] = parts;
  if (head === 'password') return 'password';
  // The core's input names the key change `key`: `key.privateKey`, `key.passphrase`.
  if (head === 'key') return next === 'passphrase' ? 'keyPassphrase' : 'privateKey';
  if (head === 'tags') return 'tags';
  if (head === 'customFields') return 'customFields';
  if (head === 'jit' && next !== undefined) {
    const slot = `jit.${next}`;
    return isSlot(slot) ? slot : 'jit.enabled';
  }
  return head !== undefined && isSlot(head) ? head : 'form';
}

export const emptyDraft: CredentialDraft = {
  username: '',
  type: 'Local user',
  deviceId: null,
  domain: '',
  additionalInfo: '',
  status: 'Active',
  tags: '',
  jit: defaultJit,
  passwordMode: 'keep',
  password: '',
  privateKey: '',
  keyPassphrase: '',
  keyClear: false,
  customFields: [],
};

/**
 * Edit starts from the stored credential; Clone from another one, minus what is its own (its
 * secret custom values stay with it: the clone's must be typed).
 */
export function draftFrom(credential: Credential, clone = false): CredentialDraft {
  const customFields = rowsFrom(credential.customFields).map((row) =>
    clone ? { ...row, stored: false, hasValue: false } : row,
  );
  return {
    username: credential.username,
    type: credential.type,
    deviceId: credential.deviceId,
    domain: credential.domain,
    additionalInfo: credential.additionalInfo,
    status: credential.status,
    tags: credential.tags.join(', '),
    jit: { ...credential.jit },
    passwordMode: 'keep',
    password: '',
    privateKey: '',
    keyPassphrase: '',
    keyClear: false,
    customFields,
  };
}

/** Whether two drafts hold the same values (what decides if closing the form must ask first). */
export function sameDraft(a: CredentialDraft, b: CredentialDraft): boolean {
  const { jit: jitA, customFields: rowsA, ...restA } = a;
  const { jit: jitB, customFields: rowsB, ...restB } = b;
  return (
    sameRows(rowsA, rowsB) &&
    (Object.keys(restA) as (keyof typeof restA)[]).every((k) => restA[k] === restB[k]) &&
    (Object.keys(jitA) as (keyof CredentialJit)[]).every((k) => jitA[k] === jitB[k])
  );
}

export function passwordChangeOf(draft: CredentialDraft): PasswordChange {
  if (draft.passwordMode === 'generate') return { action: 'generate' };
  return draft.password === '' ? { action: 'keep' } : { action: 'set', value: draft.password };
}

/** What Save does with the SSH key: a pasted or loaded key replaces the stored one, Clear removes it. */
export function keyChangeOf(draft: CredentialDraft): KeyChange {
  if (draft.privateKey.trim() !== '') {
    return { action: 'set', privateKey: draft.privateKey, passphrase: draft.keyPassphrase };
  }
  return draft.keyClear ? { action: 'clear' } : { action: 'keep' };
}

export type DraftResult =
  | { ok: true; credential: CredentialFields; password: PasswordChange; key: KeyChange }
  | { ok: false; errors: FieldErrors };

/** Schema first, then the shared rules; all errors are reported at once, one per field. */
export function checkDraft(draft: CredentialDraft, ctx: RuleContext): DraftResult {
  const errors: FieldErrors = {};
  const add = (slot: ErrorSlot, message: string) => {
    errors[slot] ??= message;
  };

  if (draft.deviceId === null) add('deviceId', 'Required');
  const candidate = {
    username: draft.username,
    type: draft.type,
    deviceId: draft.deviceId,
    domain: draft.domain,
    additionalInfo: draft.additionalInfo,
    status: draft.status,
    tags: splitTags(draft.tags),
    jit: draft.jit,
    customFields: inputOf(draft.customFields),
  };
  const [rowError] = Object.values(rowErrors(draft.customFields));
  if (rowError !== undefined) add('customFields', rowError);
  const parsed = credentialInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      add(slotForPath(issue.path.map(String).join('.')), issue.message);
  }

  const password = passwordChangeOf(draft);
  if (draft.password.length > maxPasswordLength) add('password', `At most ${maxPasswordLength} characters`);
  const passwordParsed = passwordChangeSchema.safeParse(password);
  if (!passwordParsed.success) add('password', passwordParsed.error.issues[0]?.message ?? 'Invalid password');
  // Whether the key parses (and its passphrase opens it) only the core can tell (ssh2): here, the size.
  const key = keyChangeOf(draft);
  if (draft.privateKey.length > maxPrivateKeyLength) {
    add('privateKey', `At most ${maxPrivateKeyLength} characters`);
  } else {
    const keyParsed = keyChangeSchema.safeParse(key);
    if (!keyParsed.success) {
      const [issue] = keyParsed.error.issues;
      add(
        issue?.path.includes('passphrase') ? 'keyPassphrase' : 'privateKey',
        issue?.message ?? 'Invalid key',
      );
    }
  }

  // The rules run even when the schema failed (on the values as typed), so a missing username and
  // a missing JIT template are reported together rather than one Save at a time.
  const fields: CredentialFields = parsed.success
    ? parsed.data
    : {
        ...candidate,
        username: draft.username.trim(),
        deviceId: draft.deviceId ?? 0,
        customFields: candidate.customFields.map((f) => ({ ...f, name: f.name.trim() })),
      };
  const selfHasKey = key.action === 'set' || (key.action === 'keep' && ctx.selfHasKey === true);
  for (const error of checkCredential(fields, password, { ...ctx, selfHasKey })) {
    add(slotForPath(error.field), error.message);
  }

  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, credential: parsed.data, password, key };
}

/**
 * The core's refusal beside its fields (all of them when it names several); `failureFromZod`
 * prefixes the path to the message, redundant beside the field.
 */
export function errorsFromFailure(failure: Failure, text: string): FieldErrors {
  // No field for the first problem: the whole message goes above the form, nothing lost.
  if (failure.field === undefined) return { form: text };
  if (failure.problems && failure.problems.length > 0) {
    const errors: FieldErrors = {};
    for (const problem of failure.problems) {
      const slot = slotForPath(problem.field);
      errors[slot] ??= problem.message;
    }
    return errors;
  }
  const slot = slotForPath(failure.field);
  const prefix = `${failure.field}: `;
  return { [slot]: slot !== 'form' && text.startsWith(prefix) ? text.slice(prefix.length) : text };
}
