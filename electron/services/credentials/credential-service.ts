import type { z } from 'zod';
import {
  maxCredentialOptionsLimit,
  type CredentialOptions,
  type CredentialOptionsQuery,
  type CredentialPage,
  type deviceSummarySchema,
} from '../../../shared/contract/credentials';
import type { AuditEntry } from '../../../shared/domain/audit';
import {
  credentialInputSchema,
  maxPasswordLength,
  secretTextProblem,
  type Credential,
  type CredentialFields,
  type KeyChange,
  type PasswordChange,
  type sessionStatuses,
} from '../../../shared/domain/credential';
import {
  checkCredential,
  type FieldError,
  type RuleContext,
} from '../../../shared/domain/rules/credential-rules';
import type { Settings } from '../../../shared/domain/settings';
import type { AuditEvent, AuditReader, AuditTrail } from '../../audit/audit-trail';
import type { EventBus } from '../../platform/event-bus';
import type { Clock } from '../../platform/clock';
import type { EntityTable } from '../../storage/entity-table';
import type { SecretVault } from '../../vault/secret-vault';
import { canonicalCredential } from './canonical-credential';
import type { ChangeWriter, TableChange } from '../change-journal';
import { bounded, type NameLookup } from '../../../shared/domain/audit-changes';
import { credentialChanges, type SecretChange } from '../../../shared/domain/credential-changes';
import { customFieldChanges } from '../../../shared/domain/custom-field-changes';
import { changedFields } from '../changed-fields';
import { credentialCsv } from './credential-csv';
import { DeviceOrderCache, FirstRows, inOptionOrder } from './credential-options';
import {
  CredentialIndex,
  type CredentialIdentity,
  type CredentialListQuery,
  type CredentialListSpec,
} from './credential-index';
import { CredentialUsage } from './credential-usage';
import {
  nameList,
  type CredentialRef,
  type DeviceCredentialDeactivation,
  type DeviceRecords,
  type PreparedChange,
  type TemplateRecords,
} from '../links';
import { generatePassword } from './password-generator';
import { keyErrors, keyVaultRef, sealKey } from './private-key';
import { customFieldErrors } from '../../../shared/domain/rules/custom-field-rules';
import type { CustomValues } from '../../../shared/domain/custom-fields';
import {
  customFieldViews,
  customValues,
  planCustomFields,
  storedSecretNames,
  touchesVault as touchesCustomSecrets,
  writeCustomSecrets,
} from '../custom-field-secrets';
import { notFound, ServiceError } from '../service-error';
import { refuseStale } from '../stale-save';
import type { PreparedImport } from '../transfer/prepared-import';
import type { StoredCredential } from '../stored-records';
import { WriteQueue } from '../write-queue';

type DeviceSummary = z.output<typeof deviceSummarySchema>;
type SessionStatus = (typeof sessionStatuses)[number];

export interface CredentialServiceDeps {
  readonly table: EntityTable<StoredCredential>;
  /** Read only: the device service owns devices. */
  readonly devices: DeviceRecords;
  /** Read only: the template service owns templates. */
  readonly templates: TemplateRecords;
  readonly vault: SecretVault;
  readonly audit: AuditTrail & AuditReader;
  readonly events: Pick<EventBus, 'emit'>;
  readonly clock: Clock;
  /** The current settings (password policy), read at each generation. */
  readonly settings: () => Settings;
  /** Writes each change with its audit entries, all or nothing across a crash. */
  readonly changes: ChangeWriter;
  readonly queue?: WriteQueue;
  /**
   * The live JIT session state of a credential, for the lists' Session status. Asked of the
   * lifecycle, which sits above the services: it hands this function down (core/compose.ts).
   */
  readonly sessionStatus?: (credentialId: number) => SessionStatus;
}

/** A secret's change as the audit records it: what happened, never the value. */
const secretChange = (action: 'keep' | 'set' | 'generate' | 'clear'): SecretChange =>
  action === 'clear' ? 'removed' : 'changed';

/** Where a credential's password lives in the vault. */
export const vaultRef = (id: number): string => `credential:${id}`;

const fieldNames = Object.keys(credentialInputSchema.shape) as Extract<keyof CredentialFields, string>[];
/** Compared as a whole; custom fields are audited one by one (planCustomFields). */
const recordFieldNames = fieldNames.filter((name) => name !== 'customFields');

/**
 * Credentials: the non-secret fields in `credentials/` (one file per id range), the password only
 * in the vault.
 *
 * A save checks every rule first (shared/domain/rules, on the core's own data) and writes nothing
 * unless all pass: then the change is written (change-journal.ts): the intent, the vault, the row,
 * the audit entry. The password never appears in a returned object,
 * an error or an audit entry (a change is audited as the field name `password`), and reaches the
 * screen only through `revealPassword`, whose audit entry is on disk before the password is read.
 */
export class CredentialService implements DeviceCredentialDeactivation {
  readonly #queue: WriteQueue;
  readonly #index: CredentialIndex;
  readonly #deviceOrder = new DeviceOrderCache();
  /**
   * Who uses which credential, over this service's index: what the device and template services
   * are given (inventory.ts) instead of this whole service.
   */
  readonly usage: CredentialUsage;

  constructor(private readonly deps: CredentialServiceDeps) {
    this.#queue = deps.queue ?? new WriteQueue();
    this.#index = new CredentialIndex(deps.table.all());
    this.usage = new CredentialUsage({ index: this.#index, devices: deps.devices });
  }

  get(id: number): Credential {
    return this.#view(this.#require(id));
  }

  list(query: CredentialListQuery): CredentialPage {
    const { total, rows } = this.#index.page(query, this.deps.devices.all());
    const devices: DeviceSummary[] = [];
    const seen = new Set<number>();
    for (const row of rows) {
      const device = this.deps.devices.get(row.deviceId);
      if (!device || seen.has(device.id)) continue;
      seen.add(device.id);
      const { id, name, address, type, vendor, site, active } = device;
      const protocols = device.connectivity.map((c) => c.protocol);
      devices.push({ id, name, address, type, vendor, site, active, protocols });
    }
    return {
      total,
      rows: rows.map((row) => ({
        ...this.#view(row),
        sessionStatus: this.deps.sessionStatus?.(row.id) ?? 'None',
      })),
      devices,
    };
  }

  /**
   * Drop-down options, searched and bounded: the `ids` first whenever they exist (a form's current
   * choice, deleted or not), then the first `limit` other matches (`preferDeviceId`'s first), each
   * part by device name, then user name, then id. `total` counts every match. One pass over the candidates (a device's only,
   * when `deviceId` is given), keeping just the first `limit`: no sort of every credential.
   */
  options(query: CredentialOptionsQuery = {}): CredentialOptions {
    const search = query.search?.trim().toLowerCase() ?? '';
    const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), maxCredentialOptionsLimit);
    const includeDeleted = query.includeDeleted ?? false;
    const usable = query.usable ?? false;
    const order = this.#deviceOrder.get(this.deps.devices.all());
    const exceptIds = new Set(query.exceptIds ?? []);
    const pinnedIds = new Set((query.ids ?? []).filter((id) => !exceptIds.has(id)));
    const devicesNamed = new Set<number>();
    if (search !== '') {
      for (const [id, name] of order.names) if (name.includes(search)) devicesNamed.add(id);
    }
    const candidates =
      query.deviceId === undefined ? this.#index.rows() : this.#index.ofDevice(query.deviceId);
    const first = new FirstRows(limit, order);
    // The preferred device's matches, kept apart so they come before the others.
    const preferred = new FirstRows(limit, order);
    let total = 0;
    for (const row of candidates) {
      if (exceptIds.has(row.id) || (row.deleted && !includeDeleted)) continue;
      if (usable && (row.deleted || row.status !== 'Active' || !this.#canLogIn(row.id))) continue;
      if (search !== '' && !devicesNamed.has(row.deviceId) && !row.username.toLowerCase().includes(search)) {
        continue;
      }
      total += 1;
      if (!pinnedIds.has(row.id)) (row.deviceId === query.preferDeviceId ? preferred : first).offer(row);
    }
    const pinned: StoredCredential[] = [];
    for (const id of pinnedIds) {
      const row = this.#index.get(id);
      if (row) pinned.push(row);
    }
    const rows = [...inOptionOrder(pinned, order), ...[...preferred.rows(), ...first.rows()].slice(0, limit)];
    return {
      total,
      rows: rows.map((c) => ({
        id: c.id,
        username: c.username,
        deviceId: c.deviceId,
        deviceName: this.deps.devices.get(c.deviceId)?.name ?? `Device ${c.deviceId}`,
        status: c.status,
        hasPassword: this.#hasPassword(c.id),
        ...(this.#hasKey(c.id) ? { hasKey: true } : {}),
        deleted: c.deleted,
      })),
    };
  }

  /** The filtered, sorted list as CSV, without passwords. The export itself is audited. */
  async exportCsv(spec: CredentialListSpec, actor: string): Promise<{ csv: string; count: number }> {
    const rows = this.#index.matching(spec, this.deps.devices.all());
    const result = credentialCsv(rows, (id) => this.deps.devices.get(id));
    await this.deps.audit.record({
      actor,
      action: 'export',
      entity: 'credential',
      entityId: null,
      label: 'Credential list',
      detail: `${result.count} credential${result.count === 1 ? '' : 's'} exported as CSV (no passwords)`,
    });
    return result;
  }

  history(id: number): AuditEntry[] {
    this.#require(id);
    return this.deps.audit.forEntity('credential', id);
  }

  /**
   * Creates (no `id`) or updates a credential. `expectedUpdatedAt`, when given, is the version the
   * form loaded: should the credential have been written since, the save is refused (`conflict`)
   * and nothing is written or audited. The SSH private key (`key`) is kept unless said otherwise;
   * it is sealed in the vault like the password and never returned (`hasKey` only).
   */
  save(
    id: number | undefined,
    input: CredentialFields,
    password: PasswordChange,
    actor: string,
    expectedUpdatedAt?: string,
    key: KeyChange = { action: 'keep' },
  ): Promise<Credential> {
    return this.#queue.run(async () => {
      const existing = id === undefined ? undefined : this.#require(id);
      if (existing?.deleted) {
        throw new ServiceError('conflict', `${this.#label(existing)} was deleted; it is kept for audit only`);
      }
      if (existing) refuseStale(this.#label(existing), existing.updatedAt, expectedUpdatedAt);
      const errors = [
        ...passwordErrors(password),
        ...keyErrors(key),
        ...checkCredential(input, password, this.#ruleContext(input, existing, key)),
        ...customFieldErrors(input.customFields, storedSecretNames(existing?.customFields)),
      ];
      const [first] = errors;
      if (first) {
        throw new ServiceError(
          'invalid_input',
          errors.map((e) => e.message).join('; '),
          first.field,
          errors.map(({ field, message }) => ({ field, message })),
        );
      }
      this.#refuseDuplicate(input, existing?.id ?? null);
      if (existing) this.#refuseBreakingUsers(existing, input, password, key);

      const now = this.deps.clock.now().toISOString();
      const rowId = existing?.id ?? this.deps.table.allocateId();
      const custom = planCustomFields('credential', rowId, existing?.customFields ?? [], input.customFields);
      const row = canonicalCredential({
        ...input,
        customFields: custom.fields,
        id: rowId,
        deleted: false,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        lastUsedAt: existing?.lastUsedAt ?? null,
      });
      const ref = vaultRef(rowId);
      const secret = newSecret(password, this.deps.settings);
      // A new credential's id may have been used by a create that crashed after writing its
      // password but before its row: that stale secret must not become this credential's.
      const removeSecret =
        secret === undefined && (password.action === 'clear' || !existing) && this.deps.vault.has(ref);
      const passwordChanged = secret !== undefined || (removeSecret && existing !== undefined);
      const keyRef = keyVaultRef(rowId);
      const sealedKey = key.action === 'set' ? sealKey(key) : undefined;
      // As for the password: a stale key left by a crashed create is never inherited.
      const removeKey =
        sealedKey === undefined && (key.action === 'clear' || !existing) && this.deps.vault.has(keyRef);
      const keyChanged = sealedKey !== undefined || (removeKey && existing !== undefined);
      const fields = existing
        ? [...changedFields(existing, row, recordFieldNames, ['jit']), ...custom.changed]
        : [...recordFieldNames, ...custom.changed];
      if (passwordChanged) fields.push('password');
      if (keyChanged) fields.push('privateKey');
      if (existing && fields.length === 0) return this.#view(existing);
      if (existing) this.#refuseDuringSession(existing, fields);
      const touchesVault = secret !== undefined || removeSecret || sealedKey !== undefined || removeKey;
      if (touchesVault && this.deps.vault.status().state !== 'unlocked') {
        throw new ServiceError(
          'locked',
          `The vault is locked: unlock it to change the ${passwordChanged || removeSecret ? 'password' : 'SSH key'}`,
        );
      }
      if (touchesCustomSecrets(custom) && this.deps.vault.status().state !== 'unlocked')
        throw new ServiceError('locked', 'The vault is locked: unlock it to change secret custom fields');

      const action = !existing
        ? 'create'
        : existing.status === row.status
          ? 'update'
          : row.status === 'Active'
            ? 'activate'
            : 'deactivate';
      // Values before and after for the fields that are not secret; a secret only "changed".
      const changes = existing
        ? bounded([
            ...credentialChanges(existing, row, this.#names(), {
              password: passwordChanged ? secretChange(password.action) : undefined,
              privateKey: keyChanged ? secretChange(key.action) : undefined,
            }),
            ...customFieldChanges(existing.customFields, row.customFields, custom.changed),
          ])
        : undefined;
      const detail = [
        passwordChanged ? passwordDetail[password.action] : '',
        keyChanged ? keyDetail[key.action] : '',
      ]
        .filter((d) => d !== '')
        .join('; ');
      await this.deps.changes.commit(
        {
          tables: [this.#rows([row])],
          audit: [{ ...this.#event(actor, action, row, fields, detail), changes }],
          before: async () => {
            const undoPassword = await this.#writeSecret(ref, secret, removeSecret);
            let undoKey: (() => Promise<void>) | undefined;
            try {
              undoKey = await this.#writeSecret(keyRef, sealedKey, removeKey);
              const undoCustom = await writeCustomSecrets(this.deps.vault, custom);
              return async () => {
                await undoCustom();
                await undoKey?.();
                await undoPassword();
              };
            } catch (error) {
              await undoKey?.().catch(() => undefined);
              await undoPassword().catch(() => undefined);
              throw error;
            }
          },
          password: passwordChanged || keyChanged || touchesCustomSecrets(custom),
        },
        this.deps.audit,
      );
      this.#index.set(row);
      this.#changed([row.id]);
      return this.#view(row);
    });
  }

  /** Soft delete: kept for audit, Inactive, hidden from lists. The password stays in the vault. */
  /**
   * A live session's cleanup must act on what the session started on: while one is live, the
   * fields that say which account, where and how (device, user name, domain, JIT settings, status,
   * deletion) cannot change. The password and the other fields can.
   */
  #refuseDuringSession(existing: StoredCredential, fields: readonly string[]): void {
    const status = this.deps.sessionStatus?.(existing.id) ?? 'None';
    if (status === 'None') return;
    const guarded = fields.filter(
      (f) => ['deviceId', 'username', 'domain', 'status', 'deleted'].includes(f) || f.startsWith('jit.'),
    );
    const [first] = guarded;
    if (first === undefined) return;
    throw new ServiceError(
      'conflict',
      `${this.#label(existing)} has a live session (${status}): end it before changing ${guarded.join(', ')}`,
      first === 'deleted' ? undefined : first,
    );
  }

  delete(id: number, actor: string): Promise<Credential> {
    return this.#queue.run(async () => {
      const existing = this.#require(id);
      if (existing.deleted) return this.#view(existing);
      const users = this.usage.authUsers(id);
      if (users.length > 0) throw usedAsAuth(this.#label(existing), users);
      this.#refuseDuringSession(existing, ['deleted']);
      const row: StoredCredential = {
        ...existing,
        deleted: true,
        status: 'Inactive',
        updatedAt: this.deps.clock.now().toISOString(),
      };
      const fields = changedFields(existing, row, ['deleted', 'status']);
      await this.deps.changes.commit(
        { tables: [this.#rows([row])], audit: [this.#event(actor, 'delete', row, fields, '')] },
        this.deps.audit,
      );
      this.#index.set(row);
      this.#changed([id]);
      return this.#view(row);
    });
  }

  /** The one way a password leaves the core: audited (on disk) first, then read. */
  async revealPassword(id: number, actor: string): Promise<{ password: string }> {
    const row = this.#require(id);
    const ref = vaultRef(id);
    if (!this.deps.vault.has(ref)) throw new ServiceError('not_found', `${this.#label(row)} has no password`);
    if (this.deps.vault.status().state !== 'unlocked') {
      throw new ServiceError('locked', 'The vault is locked: unlock it to view passwords');
    }
    await this.deps.audit.record(this.#event(actor, 'reveal_password', row, ['password'], ''));
    return { password: this.deps.vault.get(ref) };
  }

  deactivationByDevice(deviceId: number, actor: string, reason: string): PreparedChange {
    const now = this.deps.clock.now().toISOString();
    const changed: StoredCredential[] = [];
    for (const row of this.#index.ofDevice(deviceId)) {
      if (!row.deleted && row.status === 'Active')
        changed.push({ ...row, status: 'Inactive', updatedAt: now });
    }
    return {
      tables: changed.length === 0 ? [] : [this.#rows(changed)],
      audit: changed.map((row) => this.#event(actor, 'deactivate', row, ['status'], reason)),
      applied: () => {
        if (changed.length === 0) return;
        for (const row of changed) this.#index.set(row);
        this.#changed(changed.map((r) => r.id));
      },
    };
  }

  /**
   * The credential (not deleted) that already is this device, user name, domain and Additional
   * information (a database's name), but `selfId`; one lookup in the index, no scan.
   */
  duplicateOf(fields: CredentialIdentity, selfId: number | null): CredentialRef | undefined {
    const [other] = this.#index.sameIdentity(fields, selfId);
    return other ? { id: other.id, label: this.#label(other) } : undefined;
  }

  /** Every credential not deleted, by id, as stored (the export's source). */
  exportRows(): StoredCredential[] {
    const rows: StoredCredential[] = [];
    for (const row of this.#index.rows()) if (!row.deleted) rows.push(row);
    return rows.sort((a, b) => a.id - b.id);
  }

  /** Ids for the credentials an import is about to insert (unused ones are skipped, never reused). */
  reserveIds(count: number): number[] {
    return Array.from({ length: count }, () => this.deps.table.allocateId());
  }

  /**
   * Import: the rows of credentials the caller has already checked as part of a whole bundle
   * (every rule, on the combined data), for the caller to write in its one change, without an
   * audit entry each (the import is audited once). Their passwords are the caller's to store. The
   * rows enter the list index only on `applied`, so a failed import never shows in a list.
   */
  prepareImport(items: readonly { id: number; fields: CredentialFields }[]): PreparedImport {
    const now = this.deps.clock.now().toISOString();
    const rows = items.map(({ id, fields }) =>
      canonicalCredential({
        ...fields,
        id,
        deleted: false,
        createdAt: now,
        updatedAt: now,
        lastUsedAt: null,
      }),
    );
    return {
      tables: rows.length === 0 ? [] : [this.#rows(rows)],
      applied: () => {
        for (const row of rows) this.#index.set(row);
        if (rows.length > 0) this.#changed(rows.map((r) => r.id));
      },
    };
  }

  /** A second credential for one account (e.g. Clone, then Save without a change). */
  #refuseDuplicate(input: CredentialFields, selfId: number | null): void {
    const other = this.duplicateOf(input, selfId);
    if (other) {
      throw new ServiceError(
        'conflict',
        `${other.label} already exists (credential ${other.id})`,
        'username',
      );
    }
  }

  /**
   * Deactivating, clearing the password of, or taking the last way to log in (password or key)
   * from an authentication credential would break its users.
   */
  #refuseBreakingUsers(
    existing: StoredCredential,
    input: CredentialFields,
    password: PasswordChange,
    key: KeyChange,
  ): void {
    const deactivating = existing.status === 'Active' && input.status === 'Inactive';
    const clearing = password.action === 'clear' && this.#hasPassword(existing.id);
    const willHavePassword =
      password.action !== 'clear' && (password.action !== 'keep' || this.#hasPassword(existing.id));
    const clearingKey = key.action === 'clear' && this.#hasKey(existing.id) && !willHavePassword;
    if (!deactivating && !clearing && !clearingKey) return;
    const users = this.usage.authUsers(existing.id);
    if (users.length > 0) {
      const field = deactivating ? 'status' : clearing ? 'password' : 'privateKey';
      throw usedAsAuth(this.#label(existing), users, field);
    }
  }

  /**
   * The rules' view of the other records. Of the credentials only the chosen authentication
   * credential matters to the rules, so only it is looked up (a save stays cheap at 10,000).
   */
  #ruleContext(input: CredentialFields, existing: StoredCredential | undefined, key: KeyChange): RuleContext {
    const auth =
      input.jit.authCredentialId === null ? undefined : this.#index.get(input.jit.authCredentialId);
    return {
      selfId: existing?.id ?? null,
      selfHasPassword: existing !== undefined && this.#hasPassword(existing.id),
      selfHasKey:
        key.action === 'set' ||
        (key.action === 'keep' && existing !== undefined && this.#hasKey(existing.id)),
      devices: [...this.deps.devices.all()],
      credentials: auth
        ? [
            {
              id: auth.id,
              username: auth.username,
              deviceName: this.usage.deviceName(auth.deviceId),
              deleted: auth.deleted,
              status: auth.status,
              hasPassword: this.#hasPassword(auth.id),
              hasKey: this.#hasKey(auth.id),
            },
          ]
        : [],
      templates: [...this.deps.templates.all()],
    };
  }

  /** Writes or removes the secret; returns how to put the previous one back. */
  async #writeSecret(ref: string, secret: string | undefined, remove: boolean): Promise<() => Promise<void>> {
    const { vault } = this.deps;
    if (secret === undefined && !remove) return () => Promise.resolve();
    const previous = vault.has(ref) ? vault.get(ref) : undefined;
    if (secret !== undefined) await vault.put(ref, secret);
    else await vault.remove(ref);
    return () => (previous === undefined ? vault.remove(ref) : vault.put(ref, previous));
  }

  /** The values of the credential's custom fields for a run (secret ones from the vault). */
  customValues(id: number): CustomValues {
    const row = this.#require(id);
    return customValues(this.deps.vault, 'credential', id, row.customFields);
  }

  #require(id: number): StoredCredential {
    const row = this.#index.get(id);
    if (!row) throw notFound('Credential', id);
    return row;
  }

  #hasPassword(id: number): boolean {
    return this.deps.vault.has(vaultRef(id));
  }

  #hasKey(id: number): boolean {
    return this.deps.vault.has(keyVaultRef(id));
  }

  /** A password or a key to log in with (whether the vault is unlocked is asked at the login). */
  #canLogIn(id: number): boolean {
    return this.#hasPassword(id) || this.#hasKey(id);
  }

  #view(row: StoredCredential): Credential {
    return {
      ...row,
      customFields: customFieldViews(this.deps.vault, 'credential', row.id, row.customFields),
      hasPassword: this.#hasPassword(row.id),
      hasKey: this.#hasKey(row.id),
    };
  }

  /** Names for the ids a credential points at, as the audit's before/after shows them. */
  #names(): NameLookup {
    const { devices, templates, table } = this.deps;
    return {
      device: (id) => devices.get(id)?.name,
      template: (id) => templates.get(id)?.name,
      credential: (id) => {
        const row = table.get(id);
        return row === undefined ? undefined : this.#label(row);
      },
    };
  }

  #label(row: StoredCredential): string {
    return this.usage.label(row);
  }

  #changed(ids: number[]): void {
    this.deps.events.emit('credentials.changed', { ids });
  }

  #rows(rows: readonly StoredCredential[]): TableChange {
    return { name: 'credentials', table: this.deps.table, put: rows };
  }

  #event(
    actor: string,
    action: 'create' | 'update' | 'delete' | 'activate' | 'deactivate' | 'reveal_password',
    row: StoredCredential,
    fields: readonly string[],
    detail: string,
  ): AuditEvent {
    return {
      actor,
      action,
      entity: 'credential',
      entityId: row.id,
      label: this.#label(row),
      fields: [...fields],
      detail,
    };
  }
}

const passwordDetail: Record<PasswordChange['action'], string> = {
  keep: '',
  set: 'Password set',
  generate: 'Password generated by the password policy',
  clear: 'Password cleared',
};

const keyDetail: Record<KeyChange['action'], string> = {
  keep: '',
  set: 'SSH key set',
  clear: 'SSH key cleared',
};

function newSecret(password: PasswordChange, settings: () => Settings): string | undefined {
  if (password.action === 'set') return password.value;
  if (password.action === 'generate') return generatePassword(settings().passwordPolicy);
  return undefined;
}

/** The contract checks this too; the service checks again for callers inside the core. */
function passwordErrors(password: PasswordChange): FieldError[] {
  if (password.action !== 'set') return [];
  if (password.value.length === 0)
    return [{ field: 'password', message: 'Enter a password, or choose Generate' }];
  if (password.value.length > maxPasswordLength) {
    return [{ field: 'password', message: `At most ${maxPasswordLength} characters` }];
  }
  const problem = secretTextProblem(password.value, 'The password');
  return problem === undefined ? [] : [{ field: 'password', message: problem }];
}

function usedAsAuth(label: string, users: readonly CredentialRef[], field?: string): ServiceError {
  return new ServiceError(
    'conflict',
    `${label} is the authentication credential of JIT credentials: ${nameList(users)}. ` +
      'Choose another authentication credential for them first.',
    field,
  );
}
