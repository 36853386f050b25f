import type { z } from 'zod';
import type { transferMethods } from '../../../shared/contract/transfer';
import type { AuditTrail } from '../../audit/audit-trail';
import type { Clock } from '../../platform/clock';
import type { SecretVault } from '../../vault/secret-vault';
import { vaultRef } from '../credentials/credential-service';
import { keyVaultRef, openKey, type StoredKey } from '../credentials/private-key';
import type { Inventory } from '../inventory';
import { ServiceError } from '../service-error';
import type { StoredCredential, StoredDevice } from '../stored-records';
import { customValues } from '../custom-field-secrets';
import { credentialLabel } from '../../../shared/domain/rules/credential-rules';
import { applyPlan } from './apply';
import { checkBundle, type BundlePasswords, type ExistingRecords } from './check';
import { findClashes, proposedResolutions, resolveChoices, type Resolutions } from './clash-plan';
import { previewToken } from './preview-token';
import { buildBundle, credentialRef, deviceRef } from './export';
import { parseBundle, type ParsedBundle } from './parse';
import { ProblemList, type TransferProblem } from './problems';
import { andList } from './wording';
import { openSecrets, sealSecrets, type ScryptCost, type SecretValues } from './secrets';

type ExportInput = z.output<(typeof transferMethods)['transfer.export']['input']>;
type ImportInput = z.output<(typeof transferMethods)['transfer.import']['input']>;
export type ImportOutcome = z.input<(typeof transferMethods)['transfer.import']['output']>;
type PreviewInput = z.output<(typeof transferMethods)['transfer.preview']['input']>;
export type PreviewOutcome = z.input<(typeof transferMethods)['transfer.preview']['output']>;

export interface TransferServiceDeps {
  readonly inventory: Pick<Inventory, 'devices' | 'templates' | 'credentials' | 'queue' | 'changes'>;
  readonly vault: SecretVault;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  /** Lower scrypt cost for tests; exports use the vault's default (OWASP's recommendation). */
  readonly scryptCost?: ScryptCost;
}

/**
 * Export and import of a JSON bundle (shared/domain/bundle.ts). An import checks everything first
 * (the file, every item, refs, names, template content, every credential rule on the combined
 * data, the passwords and SSH keys) and reports every problem with its place in the file; only a bundle
 * without a single problem is applied, all of it, or nothing if a write fails (see applyPlan).
 *
 * An import runs in three stages, one file each: parse.ts (the text to items, each against its
 * schema), check.ts (refs, names, rules on the combined data: an ImportPlan), apply.ts (the plan
 * written as one change). Every stage reports to one ProblemList (problems.ts). An export is
 * export.ts (the bundle) and secrets.ts (its sealed passwords and keys).
 *
 * Neither passphrase, password nor key appears in a result, an error or the audit log.
 */
export class TransferService {
  constructor(private readonly deps: TransferServiceDeps) {}

  async exportBundle(input: ExportInput, actor: string): Promise<{ fileName: string; content: string }> {
    const { passphrase } = input;
    if (input.includePasswords && passphrase === undefined) {
      throw new ServiceError(
        'invalid_input',
        'Enter a passphrase to encrypt the passwords and SSH keys with',
        'passphrase',
      );
    }
    if (input.includePasswords && this.deps.vault.status().state !== 'unlocked') {
      throw new ServiceError('locked', 'The vault is locked: unlock it to export passwords');
    }
    const { devices, templates, credentials } = this.deps.inventory;
    const now = this.deps.clock.now();
    // One synchronous pass: devices, templates, credentials and passwords of the same moment.
    const credentialRows = credentials.exportRows();
    const deviceRows = devices.list().sort((a, b) => a.id - b.id);
    const bundle = buildBundle(
      {
        devices: deviceRows,
        templates: templates.rows(),
        credentials: credentialRows,
        hasKey: (id) => this.deps.vault.has(keyVaultRef(id)),
      },
      now.toISOString(),
    );
    const secrets = input.includePasswords ? this.#secrets(deviceRows, credentialRows) : undefined;
    if (secrets !== undefined && passphrase !== undefined) {
      bundle.secrets = await sealSecrets(secrets, passphrase, this.deps.scryptCost);
    }
    const keys = bundle.credentials.filter((c) => c.hasKey).length;
    const secretFieldsOf = (fields: readonly { kind: string }[]) =>
      fields.filter((f) => f.kind === 'secret').length;
    // Named in the records; with secrets, those with a value in the vault are sealed too.
    const secretFields = [...bundle.devices, ...bundle.credentials].reduce(
      (sum, r) => sum + secretFieldsOf(r.customFields),
      0,
    );
    const sealedFields =
      secrets?.customFields === undefined
        ? 0
        : [secrets.customFields.devices, secrets.customFields.credentials]
            .flatMap((byRef) => Object.values(byRef))
            .reduce((sum, values) => sum + Object.keys(values).length, 0);
    const counts =
      `${count(bundle.devices.length, 'device')}, ${count(bundle.templates.length, 'template')}, ` +
      count(bundle.credentials.length, 'credential');
    const leftOut = [
      keys === 0 ? '' : count(keys, 'SSH key'),
      secretFields === 0 ? '' : count(secretFields, 'secret custom field'),
    ].filter((part) => part !== '');
    await this.deps.audit.record({
      actor,
      action: 'export',
      entity: 'bundle',
      entityId: null,
      label: 'Bundle',
      detail:
        secrets === undefined
          ? `${counts}; passwords not included${leftOut.length === 0 ? '' : `, nor ${andList(leftOut)}`}`
          : `${counts}; ${andList([
              count(Object.keys(secrets.passwords).length, 'password'),
              keys === 0 ? '' : count(keys, 'SSH key'),
              sealedFields === 0 ? '' : count(sealedFields, 'secret custom field'),
            ])} included, encrypted with the bundle passphrase`,
    });
    return {
      fileName: `jit-pam-${now.toISOString().slice(0, 10)}.json`,
      content: `${JSON.stringify(bundle, null, 2)}\n`,
    };
  }

  /**
   * Reads and checks a bundle as an import would, writing nothing: what it holds, and each device
   * or template whose name is taken here (a clash) with a free name proposed. The rest of the
   * bundle is checked with every clash renamed as proposed, so a problem of the file shows now,
   * not after the choices. The token names this bundle and this data (preview-token.ts).
   */
  previewBundle(input: PreviewInput, actor: string): Promise<PreviewOutcome> {
    return this.deps.inventory.queue.run(async () => {
      const problems = new ProblemList();
      const bundle = parseBundle(input.content, problems);
      if (!bundle) return this.#refusedPreview(problems, actor);
      const passwords = await this.#openSecrets(bundle, input.passphrase, problems);
      const existing = this.#existing();
      const clashes = findClashes(bundle, existing);
      const plan = checkBundle(bundle, existing, passwords, problems, proposedResolutions(clashes));
      if (problems.size > 0) return this.#refusedPreview(problems, actor);
      return {
        previewed: true,
        token: this.#token(input.content),
        // As the file names them (the plan holds the proposed new names).
        ...contentsOf(bundle),
        passwords: plan.credentials.filter((c) => c.password !== undefined).length,
        keys: plan.credentials.filter((c) => c.key !== undefined).length,
        secretFields: [...plan.devices, ...plan.credentials].reduce(
          (n, r) => n + r.secretFields.values.size,
          0,
        ),
        clashes: clashes.clashes.map(({ existingId: _id, pluginId, ...clash }) => ({
          ...clash,
          ...(pluginId === undefined ? {} : { pluginId }),
          existingCredentials:
            clash.kind === 'device' ? this.#credentialsKept(bundle, clash.path, _id, existing) : [],
        })),
        takenDevices: [...clashes.takenDevices],
        takenTemplates: [...clashes.takenTemplates],
      };
    });
  }

  /**
   * Holds the write queue from the first check to the last write: nothing slips in between. With
   * a preview, the clashes are resolved by its choices, once the token shows that neither the
   * bundle nor the data changed since; without one, a clash is a problem, as it always was.
   */
  importBundle(input: ImportInput, actor: string): Promise<ImportOutcome> {
    return this.deps.inventory.queue.run(async () => {
      const problems = new ProblemList();
      if (input.preview !== undefined && input.preview.token !== this.#token(input.content)) {
        problems.add('', 'The bundle or the data here changed since the preview: preview it again');
        return this.#refused(problems, actor);
      }
      const bundle = parseBundle(input.content, problems);
      if (!bundle) return this.#refused(problems, actor);
      // Opened before the other checks: the rules need to know which credentials have a password.
      const passwords = await this.#openSecrets(bundle, input.passphrase, problems);
      const { templates, devices } = this.deps.inventory;
      const existing = this.#existing();
      const resolutions: Resolutions =
        input.preview === undefined
          ? new Map()
          : resolveChoices(findClashes(bundle, existing), input.preview.choices, problems);
      const plan = checkBundle(bundle, existing, passwords, problems, resolutions);
      if (problems.size > 0) return this.#refused(problems, actor);

      const { credentials } = this.deps.inventory;
      const counts = await applyPlan(
        plan,
        {
          devices,
          templates,
          credentials,
          vault: this.deps.vault,
          audit: this.deps.audit,
          changes: this.deps.inventory.changes,
        },
        actor,
      );
      return {
        applied: true,
        devices: counts.devices,
        templates: counts.templates,
        credentials: counts.credentials,
        passwords: counts.passwords,
        keys: counts.keys,
        keysLeftOut: [...counts.keysLeftOut],
        secretFields: counts.secretFields,
        secretFieldsLeftOut: [...counts.secretFieldsLeftOut],
        skipped: [...plan.skipped],
        renamed: [...plan.renamed],
      };
    });
  }

  /** This installation's records as an import's checks read them. */
  #existing(): ExistingRecords {
    const { templates, devices, credentials } = this.deps.inventory;
    const deviceList = devices.list();
    const deviceNames = new Map(deviceList.map((d) => [d.id, d.name]));
    return {
      devices: deviceList,
      templates: templates.rows(),
      checkTemplate: (pluginId, content) => templates.check(pluginId, content),
      credentialOf: (identity) => {
        const ref = credentials.duplicateOf(identity, null);
        if (ref === undefined) return undefined;
        const c = credentials.get(ref.id);
        return {
          id: c.id,
          username: c.username,
          deviceName: deviceNames.get(c.deviceId) ?? String(c.deviceId),
          deleted: c.deleted,
          status: c.status,
          hasPassword: c.hasPassword,
          hasKey: c.hasKey,
        };
      },
    };
  }

  #token(content: string): string {
    const { templates, devices, credentials } = this.deps.inventory;
    return previewToken(content, {
      devices: devices.list(),
      templates: templates.rows(),
      credentials: credentials.exportRows(),
    });
  }

  /** The bundle's credentials on the device at `path` that already exist on the device here. */
  #credentialsKept(
    bundle: ParsedBundle,
    path: string,
    deviceId: number,
    existing: ExistingRecords,
  ): string[] {
    const device = bundle.devices.find((d) => d.path === path);
    if (device?.value === undefined || device.ref === undefined) return [];
    const kept: string[] = [];
    for (const item of bundle.credentials) {
      const c = item.value;
      if (c?.deviceRef !== device.ref) continue;
      const { username, domain, additionalInfo } = c;
      if (existing.credentialOf({ deviceId, username, domain, additionalInfo }) !== undefined) {
        kept.push(credentialLabel({ username, deviceName: device.value.name }));
      }
    }
    return kept;
  }

  async #refusedPreview(problems: ProblemList, actor: string): Promise<PreviewOutcome> {
    const outcome = await this.#refused(problems, actor, 'Preview refused');
    return { previewed: false, problems: outcome.applied ? [] : outcome.problems };
  }

  /**
   * A refused import is audited too (a wrong bundle passphrase is a failed attempt at the
   * passwords it holds): how many problems, never their text, which may quote the file.
   */
  async #refused(
    problems: ProblemList,
    actor: string,
    what = 'Refused, nothing imported',
  ): Promise<ImportOutcome> {
    const list = problems.list();
    const wrongPassphrase = list.some(
      (p) => p.path === 'secrets' && p.message.startsWith('Wrong passphrase'),
    );
    await this.deps.audit.record({
      actor,
      action: 'import',
      entity: 'bundle',
      entityId: null,
      label: 'Bundle',
      result: 'failure',
      detail: `${what}: ${count(problems.size, 'problem')}${wrongPassphrase ? ', the bundle passphrase is wrong' : ''}`,
    });
    return refused(list);
  }

  /**
   * Every stored password and SSH key of the exported credentials, by credential ref, and every
   * stored secret custom field value of the exported devices and credentials, read as a run reads
   * them (customValues), by owner ref and field name.
   */
  #secrets(devices: readonly StoredDevice[], rows: readonly StoredCredential[]): SecretValues {
    const passwords: Record<string, string> = {};
    const keys: Record<string, StoredKey> = {};
    const deviceFields: Record<string, Record<string, string>> = {};
    const credentialFields: Record<string, Record<string, string>> = {};
    const { vault } = this.deps;
    for (const d of devices) {
      const { secret } = customValues(vault, 'device', d.id, d.customFields);
      if (Object.keys(secret).length > 0) deviceFields[deviceRef(d.id)] = { ...secret };
    }
    for (const c of rows) {
      const ref = vaultRef(c.id);
      if (vault.has(ref)) passwords[credentialRef(c.id)] = vault.get(ref);
      const keyRef = keyVaultRef(c.id);
      if (vault.has(keyRef)) keys[credentialRef(c.id)] = openKey(vault.get(keyRef));
      const { secret } = customValues(vault, 'credential', c.id, c.customFields);
      if (Object.keys(secret).length > 0) credentialFields[credentialRef(c.id)] = { ...secret };
    }
    return { passwords, keys, customFields: { devices: deviceFields, credentials: credentialFields } };
  }

  async #openSecrets(
    bundle: ParsedBundle,
    passphrase: string | undefined,
    problems: ProblemList,
  ): Promise<BundlePasswords> {
    const { secrets } = bundle;
    if (secrets === null) return { kind: 'none' };
    // Malformed `secrets` were reported while parsing.
    if (secrets === undefined) return { kind: 'unknown' };
    const state = this.deps.vault.status().state;
    if (state !== 'unlocked') {
      problems.add(
        'secrets',
        state === 'uninitialized'
          ? 'The bundle holds passwords and the vault is not set up: set its master passphrase first'
          : 'The bundle holds passwords and the vault is locked: unlock it first',
      );
    }
    if (passphrase === undefined || passphrase === '') {
      problems.add('secrets', 'The bundle holds encrypted passwords: enter its passphrase');
      return { kind: 'unknown' };
    }
    const opened = await openSecrets(secrets, passphrase, bundle.version);
    if (opened.ok) {
      const { passwords, keys, customFields } = opened;
      return { kind: 'known', passwords, keys, customFields };
    }
    problems.add(
      'secrets',
      opened.reason === 'wrong_passphrase'
        ? 'Wrong passphrase: the passwords could not be decrypted (or the file was altered)'
        : bundle.version === 1
          ? 'The decrypted passwords are not a map of credential ref to password'
          : bundle.version === 2
            ? 'The decrypted secrets are not passwords and SSH keys by credential ref'
            : 'The decrypted secrets are not passwords and SSH keys by credential ref, and secret custom field values by ref and name',
    );
    return { kind: 'unknown' };
  }
}

/** The names of the bundle's items as the file has them: `user @ device` for a credential. */
function contentsOf(bundle: ParsedBundle): { devices: string[]; templates: string[]; credentials: string[] } {
  const deviceNames = new Map<string, string>();
  const devices: string[] = [];
  for (const { ref, value } of bundle.devices) {
    if (value === undefined) continue;
    devices.push(value.name);
    if (ref !== undefined) deviceNames.set(ref, value.name);
  }
  return {
    devices,
    templates: bundle.templates.flatMap((t) => (t.value === undefined ? [] : [t.value.name])),
    credentials: bundle.credentials.flatMap(({ value: c }) =>
      c === undefined
        ? []
        : [
            credentialLabel({
              username: c.username,
              deviceName: deviceNames.get(c.deviceRef) ?? c.deviceRef,
            }),
          ],
    ),
  };
}

const refused = (problems: TransferProblem[]): ImportOutcome => ({ applied: false, problems });

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
