import type { DeviceOptions } from '../../shared/contract/devices';
import type { Device } from '../../shared/domain/device';
import type { AuditEvent, AuditTrail } from '../audit/audit-trail';
import type { EventBus } from '../platform/event-bus';
import type { Clock } from '../platform/clock';
import type { EntityTable } from '../storage/entity-table';
import type { ChangeWriter, TableChange } from './change-journal';
import { bounded } from '../../shared/domain/audit-changes';
import { customFieldChanges } from '../../shared/domain/custom-field-changes';
import { deviceChanges } from '../../shared/domain/device-changes';
import { changedFields } from './changed-fields';
import { deviceOptions, type DeviceOptionsRequest } from './device-options';
import type { DeviceCredentialDeactivation, DeviceCredentialLinks } from './links';
import { compareNames, nameKey } from './names';
import { notFound, ServiceError } from './service-error';
import { refuseStale } from './stale-save';
import { deviceFieldNames, type DeviceFields, type StoredDevice } from './stored-records';
import type { PreparedImport } from './transfer/prepared-import';
import { WriteQueue } from './write-queue';
import type { CustomValues } from '../../shared/domain/custom-fields';
import { customFieldErrors } from '../../shared/domain/rules/custom-field-rules';
import type { SecretVault } from '../vault/secret-vault';
import {
  customFieldViews,
  customValues,
  planCustomFields,
  storedSecretNames,
  touchesVault,
  writeCustomSecrets,
  type CustomFieldPlan,
} from './custom-field-secrets';

/** Compared as a whole; custom fields are audited one by one (planCustomFields). */
const recordFieldNames = deviceFieldNames.filter((name) => name !== 'customFields');

export interface DeviceServiceDeps {
  readonly table: EntityTable<StoredDevice>;
  /** Who uses which credential (CredentialUsage). */
  readonly credentials: DeviceCredentialLinks;
  /** The credential service, for the one credential write a device change includes. */
  readonly credentialDeactivation: DeviceCredentialDeactivation;
  readonly audit: AuditTrail;
  readonly events: Pick<EventBus, 'emit'>;
  readonly clock: Clock;
  /** Writes each change with its audit entries, all or nothing across a crash. */
  readonly changes: ChangeWriter;
  /** Shared with the template and credential services (see WriteQueue). */
  readonly queue?: WriteQueue;
  /** Where secret custom fields are sealed; without one, a device cannot have them. */
  readonly vault?: SecretVault;
}

/**
 * Devices: the targets credentials belong to. Deactivating a device deactivates its credentials
 * (and re-activating it leaves them inactive: each must be re-enabled deliberately).
 */
export class DeviceService {
  readonly #queue: WriteQueue;

  constructor(private readonly deps: DeviceServiceDeps) {
    this.#queue = deps.queue ?? new WriteQueue();
  }

  /** Every device by name, with its credential count. */
  list(): Device[] {
    const counts = this.deps.credentials.countsByDevice();
    return [...this.deps.table.all()]
      .sort((a, b) => compareNames(a.name, b.name) || a.id - b.id)
      .map((row) => this.#view(row, counts.get(row.id) ?? 0));
  }

  /** A picker's page: the devices matching a search, bounded (see device-options.ts). */
  options(request: DeviceOptionsRequest): DeviceOptions {
    return deviceOptions(this.list(), request);
  }

  get(id: number): Device {
    return this.#view(this.#require(id));
  }

  /**
   * Creates (no `id`) or updates a device. `expectedUpdatedAt`, when given, is the version the form
   * loaded: should the device have been written since, the save is refused (`conflict`). Every
   * refusal comes before the first write: nothing is written or audited.
   */
  save(
    id: number | undefined,
    input: DeviceFields,
    actor: string,
    expectedUpdatedAt?: string,
  ): Promise<Device> {
    return this.#queue.run(async () => {
      const existing = id === undefined ? undefined : this.#require(id);
      if (existing) refuseStale(existing.name, existing.updatedAt, expectedUpdatedAt);
      this.#refuseCustomFields(input, existing);
      this.#checkUniqueName(input.name, id);
      const now = this.deps.clock.now().toISOString();
      if (!existing) {
        const rowId = this.deps.table.allocateId();
        const custom = planCustomFields('device', rowId, [], input.customFields);
        this.#requireVault(custom);
        const row: StoredDevice = {
          ...input,
          customFields: custom.fields,
          id: rowId,
          createdAt: now,
          updatedAt: now,
        };
        await this.#commit(
          [this.#rows({ put: [row] })],
          [this.#event(actor, 'create', row, [...recordFieldNames, ...custom.changed])],
          custom,
        );
        this.deps.events.emit('devices.changed', { ids: [row.id] });
        return this.#view(row);
      }

      const custom = planCustomFields('device', existing.id, existing.customFields, input.customFields);
      const row: StoredDevice = { ...existing, ...input, customFields: custom.fields, updatedAt: now };
      const fields = [...changedFields(existing, row, recordFieldNames), ...custom.changed];
      if (fields.length === 0) return this.#view(existing);
      const changes = bounded([
        ...deviceChanges(existing, row),
        ...customFieldChanges(existing.customFields, row.customFields, custom.changed),
      ]);
      // The device and its credentials deactivated with it are one change: written in full or not
      // at all, so an inactive device never keeps active credentials.
      let credentials: ReturnType<DeviceCredentialDeactivation['deactivationByDevice']> | undefined;
      if (existing.active && !row.active) {
        this.deps.credentials.refuseDeviceDeactivation(row.id, existing.name);
        credentials = this.deps.credentialDeactivation.deactivationByDevice(
          row.id,
          actor,
          `Device ${row.name} was deactivated`,
        );
      }
      this.#requireVault(custom);
      const action = existing.active === row.active ? 'update' : row.active ? 'activate' : 'deactivate';
      await this.#commit(
        [...(credentials?.tables ?? []), this.#rows({ put: [row] })],
        [...(credentials?.audit ?? []), { ...this.#event(actor, action, row, fields), changes }],
        custom,
      );
      credentials?.applied();
      this.deps.events.emit('devices.changed', { ids: [row.id] });
      return this.#view(row);
    });
  }

  delete(id: number, actor: string): Promise<{ id: number }> {
    return this.#queue.run(async () => {
      const row = this.#require(id);
      const count = this.deps.credentials.countByDevice(id);
      if (count > 0) {
        throw new ServiceError(
          'conflict',
          `${row.name} still holds ${count} credential${count === 1 ? '' : 's'}: delete ${count === 1 ? 'it' : 'them'} first`,
        );
      }
      // The sealed values of its secret fields go with it (when the vault is locked they stay,
      // unreachable: no record names them, and a new device never reuses the id).
      const custom = planCustomFields('device', id, row.customFields, []);
      const unlocked = this.deps.vault?.status().state === 'unlocked';
      await this.#commit(
        [this.#rows({ remove: [id] })],
        [this.#event(actor, 'delete', row, [])],
        unlocked ? custom : undefined,
      );
      this.deps.events.emit('devices.changed', { ids: [id] });
      return { id };
    });
  }

  /** Ids for the rows an import is about to insert (ids are never reused: unused ones are skipped). */
  reserveIds(count: number): number[] {
    return Array.from({ length: count }, () => this.deps.table.allocateId());
  }

  /**
   * Import: the rows of devices the caller has already checked as part of a whole bundle (names
   * included), for the caller to write in its one change, without an audit entry each (the import
   * is audited once).
   */
  prepareImport(items: readonly { id: number; fields: DeviceFields }[]): PreparedImport {
    const now = this.deps.clock.now().toISOString();
    const rows: StoredDevice[] = items.map(({ id, fields }) => ({
      ...fields,
      id,
      createdAt: now,
      updatedAt: now,
    }));
    return {
      tables: rows.length === 0 ? [] : [this.#rows({ put: rows })],
      applied: () => {
        if (rows.length > 0) this.deps.events.emit('devices.changed', { ids: rows.map((r) => r.id) });
      },
    };
  }

  #require(id: number): StoredDevice {
    const row = this.deps.table.get(id);
    if (!row) throw notFound('Device', id);
    return row;
  }

  #checkUniqueName(name: string, selfId: number | undefined): void {
    const key = nameKey(name);
    for (const other of this.deps.table.all()) {
      if (other.id !== selfId && nameKey(other.name) === key) {
        throw new ServiceError('conflict', `A device named ${other.name} already exists`, 'name');
      }
    }
  }

  #view(row: StoredDevice, credentialCount = this.deps.credentials.countByDevice(row.id)): Device {
    const customFields = customFieldViews(this.deps.vault, 'device', row.id, row.customFields);
    return { ...row, customFields, credentialCount };
  }

  /** The values of the device's custom fields for a run (secret ones from the vault). */
  customValues(id: number): CustomValues {
    const row = this.#require(id);
    const { vault } = this.deps;
    if (vault === undefined)
      return { text: Object.fromEntries(row.customFields.map((f) => [f.name, f.value])), secret: {} };
    return customValues(vault, 'device', id, row.customFields);
  }

  #refuseCustomFields(input: DeviceFields, existing: StoredDevice | undefined): void {
    const errors = customFieldErrors(input.customFields, storedSecretNames(existing?.customFields));
    const [first] = errors;
    if (first === undefined) return;
    throw new ServiceError(
      'invalid_input',
      errors.map((e) => e.message).join('; '),
      first.field,
      errors.map(({ field, message }) => ({ field, message })),
    );
  }

  #requireVault(custom: CustomFieldPlan): void {
    if (!touchesVault(custom)) return;
    if (this.deps.vault?.status().state !== 'unlocked')
      throw new ServiceError('locked', 'The vault is locked: unlock it to change secret custom fields');
  }

  #commit(tables: TableChange[], audit: AuditEvent[], custom?: CustomFieldPlan): Promise<void> {
    const { vault } = this.deps;
    const before =
      custom !== undefined && vault !== undefined && touchesVault(custom)
        ? () => writeCustomSecrets(vault, custom)
        : undefined;
    return this.deps.changes.commit(
      { tables, audit, ...(before !== undefined ? { before, password: true } : {}) },
      this.deps.audit,
    );
  }

  #rows(change: { put?: StoredDevice[]; remove?: number[] }): TableChange {
    return { name: 'devices', table: this.deps.table, ...change };
  }

  #event(
    actor: string,
    action: 'create' | 'update' | 'delete' | 'activate' | 'deactivate',
    row: StoredDevice,
    fields: readonly string[],
  ): AuditEvent {
    return { actor, action, entity: 'device', entityId: row.id, label: row.name, fields: [...fields] };
  }
}
