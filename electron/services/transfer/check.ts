import {
  bundleKeySchema,
  type BundleCredential,
  type BundleJitRefs,
  type BundleKey,
} from '../../../shared/domain/bundle';
import {
  maxPasswordLength,
  secretTextProblem,
  type CredentialFields,
} from '../../../shared/domain/credential';
import { clashTitle, templateNameKey } from '../../../shared/domain/import-clash';
import { findPlugin, type PluginId } from '../../../shared/domain/plugin';
import {
  checkCredential,
  credentialLabel,
  type RuleContext,
} from '../../../shared/domain/rules/credential-rules';
import { identityKey, type CredentialIdentity } from '../credentials/credential-index';
import { keyErrors } from '../credentials/private-key';
import { nameKey } from '../names';
import type { DeviceFields, TemplateFields } from '../stored-records';
import type { TemplateProblem } from '../template-checks';
import type { Resolutions } from './clash-plan';
import { keptAuthProblem, type KeptAuth } from './kept-auth';
import type { ParsedBundle, ParsedItem } from './parse';
import type { ProblemList } from './problems';
import {
  checkFieldOwners,
  checkSecretFields,
  noSecretFieldValues,
  type SecretFieldValues,
} from './secret-fields';
import type { OpenedCustomFields } from './secrets';

/** What the check needs to know about this installation. */
export interface ExistingRecords {
  readonly devices: Iterable<{ readonly id: number; readonly name: string; readonly active: boolean }>;
  readonly templates: Iterable<
    RuleContext['templates'][number] & { readonly builtIn: boolean; readonly builtInKey: string | null }
  >;
  /** Unknown tags and the plugin's syntax, as the template editor checks them. */
  checkTemplate(pluginId: PluginId, content: string): readonly TemplateProblem[];
  /**
   * The credential (not deleted) here that is this account (identityKey), as the rules see it: a
   * bundle credential on a skipped device that is already there is skipped and points at it.
   */
  credentialOf(identity: CredentialIdentity): RuleContext['credentials'][number] | undefined;
}

/** The passwords, SSH keys and secret custom field values in the file, as far as the check could read them. */
export type BundlePasswords =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'known';
      readonly passwords: ReadonlyMap<string, string>;
      /** Each still to be checked (checkKey): a bad one is reported with its credential. */
      readonly keys: ReadonlyMap<string, unknown>;
      /** Each still to be checked (checkSecretFields): a bad one is reported with its record. */
      readonly customFields: OpenedCustomFields;
    }
  /** The file has secrets but they could not be opened (reported at `secrets`). */
  | { readonly kind: 'unknown' };

/**
 * What an import will write, once every check passed. Ids are provisional: bundle records get
 * negative ids (-1, -2, … per kind, by position in the file) so that the rules can run on the
 * combined data before a single real id is allocated; the apply step maps them to real ids.
 * Positive ids are existing records (built-in templates).
 */
export interface ImportPlan {
  readonly devices: readonly {
    readonly id: number;
    readonly fields: DeviceFields;
    /** Its secret custom field values (kept apart from `fields`: the record never holds them). */
    readonly secretFields: SecretFieldValues;
  }[];
  readonly templates: readonly { readonly id: number; readonly fields: TemplateFields }[];
  readonly credentials: readonly {
    readonly id: number;
    readonly ref: string;
    readonly fields: CredentialFields;
    readonly password: string | undefined;
    /** The SSH key to seal in the vault, checked as the credential form's Save checks it. */
    readonly key: BundleKey | undefined;
    /** The file says the credential had a key, but the export left it out (no secrets). */
    readonly keyLeftOut: boolean;
    /** Its secret custom field values (kept apart from `fields`: the record never holds them). */
    readonly secretFields: SecretFieldValues;
    /** `user @ device`, for the import's answer. */
    readonly label: string;
  }[];
  /** What the choices left out, for the answer and the audit (`Device "web-01": kept the existing one`). */
  readonly skipped: readonly string[];
  /** What the choices renamed (`Device "web-01" → "web-01 (2)"`). */
  readonly renamed: readonly string[];
}

const provisionalId = (index: number): number => -(index + 1);

/** A ref points at a record's id, or at an item that failed its own checks (already reported). */
type RefTarget = number | 'invalid';

/** Rule fields (as checkCredential names them) and where they are in a bundle credential. */
const ruleFieldPaths: Readonly<Record<string, string>> = {
  deviceId: 'deviceRef',
  'jit.authCredentialId': 'jitRefs.authCredentialRef',
  'jit.enableTemplateId': 'jitRefs.enableTemplateRef',
  'jit.disableTemplateId': 'jitRefs.disableTemplateRef',
  'jit.createTemplateId': 'jitRefs.createTemplateRef',
  'jit.deleteTemplateId': 'jitRefs.deleteTemplateRef',
};

/**
 * Every check that needs more than one item or this installation's data: duplicate and unresolved
 * refs, name clashes, template content, and the credential rules on the combined data. Adds each
 * problem found and returns the plan (meaningful only when no problem was found at all).
 */
export function checkBundle(
  bundle: ParsedBundle,
  existing: ExistingRecords,
  passwords: BundlePasswords,
  problems: ProblemList,
  resolutions: Resolutions = new Map(),
): ImportPlan {
  const skipped: string[] = [];
  const renamed: string[] = [];
  const outcome = { skipped, renamed };
  const devices = checkDevices(bundle, existing, passwords, problems, resolutions, outcome);
  const templates = checkTemplates(bundle, existing, problems, resolutions, outcome);
  const credentials = checkCredentials(bundle, devices, templates, passwords, problems, existing, skipped);
  return { devices: devices.plan, templates: templates.plan, credentials, skipped, renamed };
}

interface Outcome {
  readonly skipped: string[];
  readonly renamed: string[];
}

/** A skipped item's refs point at the existing record; others at the item's provisional id. */
const targetOf = (resolutions: Resolutions, path: string, index: number): number => {
  const resolution = resolutions.get(path);
  return resolution?.action === 'skip' ? resolution.existingId : provisionalId(index);
};

function checkDevices(
  bundle: ParsedBundle,
  existing: ExistingRecords,
  passwords: BundlePasswords,
  problems: ProblemList,
  resolutions: Resolutions,
  outcome: Outcome,
) {
  const refs = new RefSpace().register(
    bundle.devices,
    (item) => targetOf(resolutions, item.path, item.index),
    problems,
  );
  const taken = new Map<string, string>();
  const existingById = new Map<number, RuleContext['devices'][number]>();
  for (const d of existing.devices) {
    taken.set(nameKey(d.name), `A device named "${d.name}" already exists`);
    existingById.set(d.id, { id: d.id, name: d.name, active: d.active });
  }
  const plan: ImportPlan['devices'][number][] = [];
  const info = new Map<number, RuleContext['devices'][number]>();
  for (const item of bundle.devices) {
    if (!item.value) continue;
    const { ref, ...original } = item.value;
    const resolution = resolutions.get(item.path);
    if (resolution?.action === 'skip') {
      const kept = existingById.get(resolution.existingId);
      if (kept) info.set(kept.id, kept);
      outcome.skipped.push(
        `${clashTitle({ kind: 'device', name: original.name })}: kept the existing one, its credentials attached to it`,
      );
      continue;
    }
    const fields = resolution?.action === 'rename' ? { ...original, name: resolution.name } : original;
    if (resolution?.action === 'rename') {
      outcome.renamed.push(`${clashTitle({ kind: 'device', name: original.name })} → "${fields.name}"`);
    }
    const key = nameKey(fields.name);
    const clash = taken.get(key);
    if (clash !== undefined) problems.add(`${item.path}.name`, clash);
    else taken.set(key, `Also the name of ${item.path}`);
    const id = provisionalId(item.index);
    const secretFields = recordSecretFields(fields.customFields, passwords, problems, {
      section: 'devices',
      ref,
      owner: `${item.path} ("${fields.name}")`,
      label: fields.name,
    });
    plan.push({ id, fields, secretFields });
    info.set(id, { id, name: fields.name, active: fields.active });
  }
  if (passwords.kind === 'known')
    checkFieldOwners(passwords.customFields.devices, 'devices', (ref) => refs.has(ref), problems);
  return { refs, info, plan };
}

function checkTemplates(
  bundle: ParsedBundle,
  existing: ExistingRecords,
  problems: ProblemList,
  resolutions: Resolutions,
  outcome: Outcome,
) {
  const all = [...existing.templates];
  const builtIns = new Map(
    all.filter((t) => t.builtIn && t.builtInKey !== null).map((t) => [t.builtInKey, t]),
  );
  const taken = new Map<string, string>();
  const pluginName = (id: PluginId) => findPlugin(id)?.name ?? id;
  for (const t of all) {
    taken.set(
      templateNameKey(t.pluginId, t.name),
      `A ${pluginName(t.pluginId)} template named "${t.name}" already exists`,
    );
  }

  const context: RuleContext['templates'][number][] = [...all];
  const plan: ImportPlan['templates'][number][] = [];
  for (const item of bundle.templates) {
    if (!item.value) continue;
    const { ref: _ref, ...original } = item.value;
    const resolution = resolutions.get(item.path);
    if (resolution?.action === 'skip') {
      // The existing template is in `context` already; the credentials' refs point at it.
      const what = clashTitle({ kind: 'template', name: original.name, pluginId: original.pluginId });
      outcome.skipped.push(`${what}: kept the existing one`);
      continue;
    }
    const fields = resolution?.action === 'rename' ? { ...original, name: resolution.name } : original;
    if (resolution?.action === 'rename') {
      const what = clashTitle({ kind: 'template', name: original.name, pluginId: original.pluginId });
      outcome.renamed.push(`${what} → "${fields.name}"`);
    }
    const key = templateNameKey(fields.pluginId, fields.name);
    const clash = taken.get(key);
    if (clash !== undefined) problems.add(`${item.path}.name`, clash);
    else taken.set(key, `Also the name of ${item.path} (same plugin)`);
    if (findPlugin(fields.pluginId)?.available !== true) {
      problems.add(`${item.path}.pluginId`, `${pluginName(fields.pluginId)} is not available in this build`);
    } else {
      for (const p of existing.checkTemplate(fields.pluginId, fields.content)) {
        problems.add(`${item.path}.content`, `Line ${p.line}, column ${p.column}: ${p.message}`);
      }
    }
    const id = provisionalId(item.index);
    plan.push({ id, fields });
    const { name, pluginId, executionType, active } = fields;
    context.push({ id, name, pluginId, executionType, active });
  }

  // Built-ins are not copied: each resolves, by its key, to this installation's own.
  const builtInIds = new Map<number, RefTarget>();
  for (const item of bundle.builtInTemplates) {
    if (!item.value) continue;
    const local = builtIns.get(item.value.key);
    if (local) builtInIds.set(item.index, local.id);
    else {
      builtInIds.set(item.index, 'invalid');
      const label = item.value.name === '' ? '' : ` ("${item.value.name}")`;
      problems.add(
        `${item.path}.key`,
        `This installation has no built-in template ${item.value.key}${label}`,
      );
    }
  }
  // Templates and built-ins share one ref space: a credential's template ref may name either.
  const refs = new RefSpace()
    .register(bundle.templates, (item) => targetOf(resolutions, item.path, item.index), problems)
    .register(bundle.builtInTemplates, (item) => builtInIds.get(item.index) ?? 'invalid', problems);
  return { refs, context, plan };
}

function checkCredentials(
  bundle: ParsedBundle,
  devices: ReturnType<typeof checkDevices>,
  templates: ReturnType<typeof checkTemplates>,
  passwords: BundlePasswords,
  problems: ProblemList,
  existing: ExistingRecords,
  skipped: string[],
): ImportPlan['credentials'][number][] {
  // On a skipped device (its ref points at a device here), a credential that is already there is
  // skipped: the existing one stays as it is, password included, and what in the bundle points at
  // the bundle's credential (an authentication credential) points at the existing one.
  const kept = new Map<number, RuleContext['credentials'][number]>();
  // By the existing credential's id: what a reference to it may do (kept-auth.ts).
  const keptAuth = new Map<number, KeptAuth>();
  for (const item of bundle.credentials) {
    const c = item.value;
    const deviceId = c === undefined ? undefined : devices.refs.get(c.deviceRef);
    if (c === undefined || typeof deviceId !== 'number' || deviceId <= 0) continue;
    const { username, domain, additionalInfo } = c;
    const found = existing.credentialOf({ deviceId, username, domain, additionalInfo });
    if (!found) continue;
    kept.set(item.index, found);
    keptAuth.set(found.id, { label: credentialLabel(found), deviceId });
  }
  const refs = new RefSpace().register(
    bundle.credentials,
    (item) => kept.get(item.index)?.id ?? provisionalId(item.index),
    problems,
  );
  const hasPassword = (ref: string): boolean =>
    passwords.kind === 'unknown' || (passwords.kind === 'known' && passwords.passwords.has(ref));
  const hasKey = (ref: string): boolean =>
    passwords.kind === 'unknown' || (passwords.kind === 'known' && passwords.keys.has(ref));
  const deviceName = (deviceRef: string): string => {
    const target = devices.refs.get(deviceRef);
    return (typeof target === 'number' ? devices.info.get(target)?.name : undefined) ?? deviceRef;
  };
  const info = new Map<number, RuleContext['credentials'][number]>();
  for (const found of kept.values()) info.set(found.id, found);
  for (const item of bundle.credentials) {
    if (!item.value || kept.has(item.index)) continue;
    const { ref, username, status, deviceRef } = item.value;
    const id = provisionalId(item.index);
    info.set(id, {
      id,
      username,
      deviceName: deviceName(deviceRef),
      status,
      deleted: false,
      hasPassword: hasPassword(ref),
      hasKey: hasKey(ref),
    });
  }
  // One account, one credential. A bundle credential lands on a new device, or on a skipped
  // device's existing one where a credential of that identity was looked for above (and skipped),
  // so a duplicate left can only be one of this bundle's: keyed as CredentialService keys them.
  const identities = new Map<string, string>();

  const plan: ImportPlan['credentials'][number][] = [];
  for (const item of bundle.credentials) {
    const c = item.value;
    if (!c) continue;
    if (kept.has(item.index)) {
      const label = credentialLabel({ username: c.username, deviceName: deviceName(c.deviceRef) });
      skipped.push(`Credential ${label}: already on that device here, kept as it is`);
      continue;
    }
    // Rule fields whose ref is already reported (unknown, or pointing at a broken item).
    const reported = new Set<string>();
    const resolve = (ref: string | null, targets: RefSpace, refField: string, what: string) => {
      if (ref === null) return null;
      const target = targets.get(ref);
      if (target === undefined)
        problems.add(`${item.path}.${refField}`, `No ${what} with ref "${ref}" in this bundle`);
      if (typeof target === 'number') return target;
      reported.add(refField);
      return null;
    };
    const deviceId = resolve(c.deviceRef, devices.refs, 'deviceRef', 'device');
    const fields = credentialFields(c, deviceId, (key) =>
      resolve(
        c.jitRefs[key],
        key === 'authCredentialRef' ? refs : templates.refs,
        `jitRefs.${key}`,
        key === 'authCredentialRef' ? 'credential' : 'template',
      ),
    );
    const id = provisionalId(item.index);
    const label = credentialLabel({ username: c.username, deviceName: deviceName(c.deviceRef) });
    if (deviceId !== null) {
      const key = identityKey(fields);
      const first = identities.get(key);
      if (first === undefined) identities.set(key, item.path);
      else {
        problems.add(`${item.path}.username`, `${label} is already ${first} in this bundle`);
      }
    }
    const auth = fields.jit.authCredentialId === null ? undefined : info.get(fields.jit.authCredentialId);
    const existingAuth =
      fields.jit.authCredentialId === null ? undefined : keptAuth.get(fields.jit.authCredentialId);
    const keptProblem =
      existingAuth === undefined
        ? undefined
        : keptAuthProblem(fields, existingAuth, {
            device: deviceName(c.deviceRef),
            template: (templateId) => templates.context.find((t) => t.id === templateId)?.name,
          });
    if (keptProblem !== undefined) problems.add(`${item.path}.jitRefs.authCredentialRef`, keptProblem);
    const device = deviceId === null ? undefined : devices.info.get(deviceId);
    // checkCredential looks records up by id only, so handing it just the device and the
    // authentication credential this credential names gives the verdict the full lists would,
    // and keeps 10,000 checks linear (as CredentialService.save does for credentials).
    const context: RuleContext = {
      selfId: id,
      selfHasPassword: hasPassword(c.ref),
      selfHasKey: hasKey(c.ref),
      devices: device ? [device] : [],
      credentials: auth ? [auth] : [],
      templates: templates.context,
    };
    for (const error of checkCredential(fields, { action: 'keep' }, context)) {
      const path = ruleFieldPaths[error.field] ?? error.field;
      if (!reported.has(path)) problems.add(`${item.path}.${path}`, error.message);
    }
    const password = passwords.kind === 'known' ? passwords.passwords.get(c.ref) : undefined;
    if (password !== undefined) checkPassword(password, c.ref, item.path, problems);
    const sealedKey = passwords.kind === 'known' ? passwords.keys.get(c.ref) : undefined;
    const key =
      sealedKey === undefined ? undefined : checkKey(sealedKey, c.ref, `${item.path} (${label})`, problems);
    const keyLeftOut = c.hasKey === true && sealedKey === undefined;
    const secretFields = recordSecretFields(c.customFields, passwords, problems, {
      section: 'credentials',
      ref: c.ref,
      owner: `${item.path} (${label})`,
      label,
    });
    plan.push({ id, ref: c.ref, fields, password, key, keyLeftOut, secretFields, label });
  }

  if (passwords.kind === 'known') {
    for (const ref of passwords.passwords.keys()) {
      if (!refs.has(ref))
        problems.add(secretPath(ref), `A password for "${ref}", which is not a credential of this bundle`);
    }
    for (const ref of passwords.keys.keys()) {
      if (!refs.has(ref))
        problems.add(keyPath(ref), `An SSH key for "${ref}", which is not a credential of this bundle`);
    }
    checkFieldOwners(passwords.customFields.credentials, 'credentials', (ref) => refs.has(ref), problems);
  }
  return plan;
}

/**
 * A record's secret custom field values as the file holds them. Secrets that could not be opened
 * are already a problem (at `secrets`): then nothing is checked here, and nothing is applied.
 */
function recordSecretFields(
  fields: DeviceFields['customFields'],
  passwords: BundlePasswords,
  problems: ProblemList,
  where: Parameters<typeof checkSecretFields>[2],
): SecretFieldValues {
  if (passwords.kind === 'unknown') return noSecretFieldValues;
  const sealed =
    passwords.kind === 'known' ? passwords.customFields[where.section].get(where.ref) : undefined;
  return checkSecretFields(fields, sealed, where, problems);
}

/** The credential as the rules and the store see it, with provisional ids (0: no such device). */
function credentialFields(
  c: BundleCredential,
  deviceId: number | null,
  resolveRef: (key: keyof BundleJitRefs) => number | null,
): CredentialFields {
  const { jit } = c;
  // Field by field (not spread): one object shape for 10,000 rows, and no ref leaks into a record.
  return {
    username: c.username,
    type: c.type,
    deviceId: deviceId ?? 0,
    domain: c.domain,
    additionalInfo: c.additionalInfo,
    status: c.status,
    customFields: c.customFields,
    tags: c.tags,
    jit: {
      enabled: jit.enabled,
      type: jit.type,
      useOwnCredential: jit.useOwnCredential,
      authCredentialId: resolveRef('authCredentialRef'),
      enablePluginId: jit.enablePluginId,
      enableTemplateId: resolveRef('enableTemplateRef'),
      disablePluginId: jit.disablePluginId,
      disableTemplateId: resolveRef('disableTemplateRef'),
      createPluginId: jit.createPluginId,
      createTemplateId: resolveRef('createTemplateRef'),
      deletePluginId: jit.deletePluginId,
      deleteTemplateId: resolveRef('deleteTemplateRef'),
    },
  };
}

function checkPassword(password: string, ref: string, itemPath: string, problems: ProblemList): void {
  if (password.length === 0) problems.add(secretPath(ref), `The password of ${itemPath} is empty`);
  else if (password.length > maxPasswordLength) {
    problems.add(
      secretPath(ref),
      `The password of ${itemPath} is longer than ${maxPasswordLength} characters`,
    );
  } else {
    const problem = secretTextProblem(password, `The password of ${itemPath}`);
    if (problem !== undefined) problems.add(secretPath(ref), problem);
  }
}

/**
 * The key as the vault will hold it, refused as the credential form's Save refuses it (the same
 * check: ssh2 must parse it, and open it with its passphrase). Messages name the credential and
 * the problem, never a character of the key.
 */
function checkKey(sealed: unknown, ref: string, owner: string, problems: ProblemList): BundleKey | undefined {
  const parsed = bundleKeySchema.safeParse(sealed);
  if (!parsed.success) {
    // Only the issue's message ("At most … characters", "expected string"): never its input.
    for (const issue of parsed.error.issues) {
      const field = issue.path.length === 0 ? '' : ` (${issue.path.join('.')})`;
      problems.add(keyPath(ref), `The SSH key of ${owner} is malformed${field}: ${issue.message}`);
    }
    return undefined;
  }
  const errors = keyErrors({ action: 'set', ...parsed.data });
  for (const error of errors) problems.add(keyPath(ref), `The SSH key of ${owner}: ${error.message}`);
  return errors.length === 0 ? parsed.data : undefined;
}

/** Inside the sealed `secrets`: the map key, quoted (refs are free text). */
const secretPath = (ref: string): string => `secrets[${JSON.stringify(ref)}]`;
const keyPath = (ref: string): string => `secrets.keys[${JSON.stringify(ref)}]`;

/**
 * The refs of one kind, each mapped to its target. A ref used twice in one kind is a problem at
 * the later item; the first keeps it, so what points at it is checked against the first.
 */
class RefSpace {
  readonly #targets = new Map<string, RefTarget>();
  readonly #owners = new Map<string, string>();

  has(ref: string): boolean {
    return this.#targets.has(ref);
  }

  get(ref: string): RefTarget | undefined {
    return this.#targets.get(ref);
  }

  register<T>(
    items: readonly ParsedItem<T>[],
    target: (item: ParsedItem<T>) => RefTarget,
    problems: ProblemList,
  ): this {
    for (const item of items) {
      if (item.ref === undefined) continue;
      const owner = this.#owners.get(item.ref);
      if (owner !== undefined) {
        problems.add(`${item.path}.ref`, `Duplicate ref "${item.ref}": ${owner} already has it`);
        continue;
      }
      this.#owners.set(item.ref, item.path);
      this.#targets.set(item.ref, item.value === undefined ? 'invalid' : target(item));
    }
    return this;
  }
}
