import { jitTypeLabels } from '../../../shared/domain/jit';
import { toCsv } from '../../storage/csv';
import type { StoredCredential, StoredDevice } from '../stored-records';

const header = [
  'ID',
  'Device',
  'Address',
  'Type',
  'Just in time',
  'Just in time type',
  'Username',
  'Additional information',
  'Domain',
  'Status',
  'Tags',
  'Last use',
  'Session status',
];

/** The credential list as CSV, in list order. Passwords are not in the rows to begin with. */
export function credentialCsv(
  rows: Iterable<StoredCredential>,
  device: (id: number) => StoredDevice | undefined,
): { csv: string; count: number } {
  let count = 0;
  const lines = function* () {
    for (const c of rows) {
      count += 1;
      const d = device(c.deviceId);
      yield [
        c.id,
        d?.name ?? '',
        d?.address ?? '',
        c.type,
        c.jit.enabled ? 'Yes' : 'No',
        c.jit.enabled && c.jit.type !== null ? jitTypeLabels[c.jit.type] : '',
        c.username,
        c.additionalInfo,
        c.domain,
        c.status,
        c.tags.join(' '),
        c.lastUsedAt ?? '',
        'None',
      ];
    }
  };
  const csv = toCsv(header, lines());
  return { csv, count };
}
