import { credentialLabel, jitDependencies } from '../../../shared/domain/rules/credential-rules';
import {
  nameList,
  type CredentialRef,
  type DeviceCredentialLinks,
  type DeviceRecords,
  type TemplateCredentialLinks,
} from '../links';
import { ServiceError } from '../service-error';
import type { StoredCredential } from '../stored-records';
import type { CredentialIndex } from './credential-index';

export interface CredentialUsageDeps {
  /** The credential service's index: that service keeps it current, this class only reads it. */
  readonly index: Pick<CredentialIndex, 'rows' | 'ofDevice'>;
  /** Read only, for the device names in labels. */
  readonly devices: DeviceRecords;
}

/**
 * Who uses a credential, and which credentials a device or template change would break: what the
 * device and template services ask about credentials (links.ts), and what the credential service
 * checks before a delete or deactivation. Read only, over the index the credential service keeps,
 * so the two other services are given this small class rather than the whole credential service.
 */
export class CredentialUsage implements DeviceCredentialLinks, TemplateCredentialLinks {
  constructor(private readonly deps: CredentialUsageDeps) {}

  /** Credentials (not deleted) on one device. */
  countByDevice(deviceId: number): number {
    let count = 0;
    for (const row of this.deps.index.ofDevice(deviceId)) if (!row.deleted) count += 1;
    return count;
  }

  /** The same for every device at once (the device list). */
  countsByDevice(): ReadonlyMap<number, number> {
    const counts = new Map<number, number>();
    for (const row of this.deps.index.rows()) {
      if (!row.deleted) counts.set(row.deviceId, (counts.get(row.deviceId) ?? 0) + 1);
    }
    return counts;
  }

  /**
   * Refuses a device deactivation that would deactivate an authentication credential of JIT
   * credentials (its users could no longer be saved nor run their templates), as deactivating
   * that credential itself is refused. Read only: the caller checks before writing anything.
   */
  refuseDeviceDeactivation(deviceId: number, deviceName: string): void {
    const active = new Map<number, StoredCredential>();
    for (const row of this.deps.index.ofDevice(deviceId)) {
      if (!row.deleted && row.status === 'Active') active.set(row.id, row);
    }
    if (active.size === 0) return;
    // One pass over the JIT credentials, not one per credential of the device.
    const auths = new Map<number, CredentialRef>();
    const users = this.#users((row) =>
      jitDependencies(row.jit).credentialIds.some((authId) => {
        const auth = authId === row.id ? undefined : active.get(authId);
        if (auth) auths.set(auth.id, { id: auth.id, label: this.label(auth) });
        return auth !== undefined;
      }),
    );
    if (users.length === 0) return;
    const authList = [...auths.values()].sort((a, b) => a.id - b.id);
    const one = authList.length === 1;
    throw new ServiceError(
      'conflict',
      `Deactivating ${deviceName} would deactivate ${nameList(authList)}, ` +
        `the authentication credential${one ? '' : 's'} of JIT credentials: ${nameList(users)}. ` +
        'Choose another authentication credential for them first. Nothing was saved.',
      'active',
    );
  }

  /** JIT credentials (not deleted, JIT enabled) whose chosen type uses the template. */
  usersOfTemplate(templateId: number): CredentialRef[] {
    return this.#users((row) => jitDependencies(row.jit).templateIds.includes(templateId));
  }

  /** JIT credentials (not deleted) that connect with credential `id` to run their templates. */
  authUsers(id: number): CredentialRef[] {
    return this.#users((row) => row.id !== id && jitDependencies(row.jit).credentialIds.includes(id));
  }

  /** `root @ web-01`: how refusals and audit entries name a credential. */
  label(row: StoredCredential): string {
    return credentialLabel({ username: row.username, deviceName: this.deviceName(row.deviceId) });
  }

  deviceName(deviceId: number): string {
    return this.deps.devices.get(deviceId)?.name ?? `device ${deviceId}`;
  }

  #users(uses: (row: StoredCredential) => boolean): CredentialRef[] {
    const refs: CredentialRef[] = [];
    for (const row of this.deps.index.rows()) {
      if (!row.deleted && row.jit.enabled && uses(row)) refs.push({ id: row.id, label: this.label(row) });
    }
    return refs.sort((a, b) => a.id - b.id);
  }
}
