import type { DeviceOptions } from '../../shared/contract/devices';
import type { Device } from '../../shared/domain/device';
import type { AuditEvent, AuditTrail } from '../audit/audit-trail';
import type { EventBus } from '../platform/event-bus';
import type { Clock } from '../platform/clock';
import type { EntityTable } from '../storage/entity-table';
import type { ChangeWriter, TableChange } from './change-journal';
import { changedFields } from './changed-fields';
import { deviceOptions, type DeviceOptionsRequest } from './device-options';
import type { DeviceCredentialDeactivation, DeviceCredentialLinks } from './links';
import { compareNames, nameKey } from './names';
import { notFound, ServiceError } from './service-error';
import { refuseStale } from './stale-save';
import { deviceFieldNames, type DeviceFields, type StoredDevice } from './stored-records';
import type { PreparedImport } from './transfer/prepared-import';
import { WriteQueue } from './write-queue';

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
      .map((row) => ({ ...row, credentialCount: counts.get(row.id) ?? 0 }));
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
      this.#checkUniqueName(input.name, id);
      const now = this.deps.clock.now().toISOString();
      if (!existing) {
        const row: StoredDevice = {
          ...input,
          id: this.deps.table.allocateId(),
          createdAt: now,
          updatedAt: now,
        };
        await this.#commit(
          [this.#rows({ put: [row] })],
          [this.#event(actor, 'create', row, deviceFieldNames)],
        );
        this.deps.events.emit('devices.changed', { ids: [row.id] });
        return this.#view(row);
      }

      const row: StoredDevice = { ...existing, ...input, updatedAt: now };
      const fields = changedFields(existing, row, deviceFieldNames);
      if (fields.length === 0) return this.#view(existing);
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
      const action = existing.active === row.active ? 'update' : row.active ? 'activate' : 'deactivate';
      await this.#commit(
        [...(credentials?.tables ?? []), this.#rows({ put: [row] })],
        [...(credentials?.audit ?? []), this.#event(actor, action, row, fields)],
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
      await this.#commit([this.#rows({ remove: [id] })], [this.#event(actor, 'delete', row, [])]);
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

  #view(row: StoredDevice): Device {
    return { ...row, credentialCount: this.deps.credentials.countByDevice(row.id) };
  }

  #commit(tables: TableChange[], audit: AuditEvent[]): Promise<void> {
    return this.deps.changes.commit({ tables, audit }, this.deps.audit);
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
