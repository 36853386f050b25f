/**
 * The rows the grid shows for one page: a header row before each device's credentials, then the
 * credentials. The core already orders a page by device, then by the chosen sort, so one pass
 * suffices; a device whose credentials continue from the previous page gets its header again.
 */
import type { CredentialPage, CredentialRow } from '../../../../shared/contract/credentials';

export type DeviceSummary = CredentialPage['devices'][number];

export interface GroupGridRow {
  readonly kind: 'group';
  readonly key: string;
  readonly device: DeviceSummary;
  /** How many credentials of this device are on this page. */
  readonly count: number;
}

export interface CredentialGridRow {
  readonly kind: 'credential';
  readonly key: string;
  readonly credential: CredentialRow;
  readonly device: DeviceSummary;
}

export type GridRow = GroupGridRow | CredentialGridRow;

/** Shown when the page names a device the core did not describe (should not happen). */
const unknownDevice = (id: number): DeviceSummary => ({
  id,
  name: `Device ${id}`,
  address: '',
  type: 'Other',
  vendor: '',
  site: '',
  active: true,
});

export function buildGridRows(page: CredentialPage): GridRow[] {
  const devices = new Map(page.devices.map((d) => [d.id, d]));
  const rows: GridRow[] = [];
  let group: { row: GroupGridRow; index: number } | undefined;
  for (const credential of page.rows) {
    const device = devices.get(credential.deviceId) ?? unknownDevice(credential.deviceId);
    if (group?.row.device.id !== device.id) {
      // Keys include the position: the core's sort could, in principle, split one device in two runs.
      const row: GroupGridRow = {
        kind: 'group',
        key: `device-${device.id}-${rows.length}`,
        device,
        count: 0,
      };
      group = { row, index: rows.length };
      rows.push(row);
    }
    group.row = { ...group.row, count: group.row.count + 1 };
    rows[group.index] = group.row;
    rows.push({ kind: 'credential', key: `credential-${credential.id}`, credential, device });
  }
  return rows;
}

/** `username @ device`, the label the action menu and the dialogs use for a credential. */
export const credentialLabel = (username: string, deviceName: string): string =>
  `${username} @ ${deviceName}`;
