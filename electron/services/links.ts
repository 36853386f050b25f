/**
 * The small interfaces services use to ask each other, so no service holds another whole.
 * The credential service reads devices and templates through read-only tables; the device and
 * template services ask about credentials through the links below: the questions are answered by
 * its CredentialUsage (credentials/credential-usage.ts), the one write by the credential service.
 * No cycle at construction: build the credential service first, then the two others with it.
 */
import type { AuditEvent } from '../audit/audit-trail';
import type { TableChange } from './change-journal';
import type { StoredDevice, StoredTemplate } from './stored-records';

/** Rows and audit entries another service writes as part of its own change. */
export interface PreparedChange {
  readonly tables: readonly TableChange[];
  readonly audit: readonly AuditEvent[];
  applied(): void;
}

export interface ReadonlyTable<T> {
  get(id: number): T | undefined;
  all(): Iterable<T>;
}

export type DeviceRecords = ReadonlyTable<StoredDevice>;
export type TemplateRecords = ReadonlyTable<StoredTemplate>;

/** A credential named in a refusal, e.g. `root @ web-01`. */
export interface CredentialRef {
  readonly id: number;
  readonly label: string;
}

/** What the device service asks about credentials (answered by CredentialUsage). */
export interface DeviceCredentialLinks {
  /** Credentials (not deleted) on one device. */
  countByDevice(deviceId: number): number;
  /** The same for every device at once (the device list). */
  countsByDevice(): ReadonlyMap<number, number>;
  /**
   * Throws a `conflict` (field `active`) when deactivating the device would deactivate an
   * authentication credential of JIT credentials, naming both. Reads only.
   */
  refuseDeviceDeactivation(deviceId: number, deviceName: string): void;
}

/** The credential write a device deactivation includes (prepared by the credential service). */
export interface DeviceCredentialDeactivation {
  /**
   * The change that sets every active credential of the device Inactive, with an audit entry
   * each, for the device service to write with its own row as one change; `applied` updates the
   * index and announces it. Writes nothing itself.
   */
  deactivationByDevice(deviceId: number, actor: string, reason: string): PreparedChange;
}

/** What the template service asks about credentials (answered by CredentialUsage). */
export interface TemplateCredentialLinks {
  /** JIT credentials (not deleted, JIT enabled) whose chosen type uses the template. */
  usersOfTemplate(templateId: number): CredentialRef[];
}

/** "root @ web-01, postgres @ db-02" (the first ten, then a count). */
export function nameList(refs: readonly CredentialRef[], max = 10): string {
  const shown = refs.slice(0, max).map((r) => r.label);
  const more = refs.length > max ? ` and ${refs.length - max} more` : '';
  return shown.join(', ') + more;
}
