import { memo } from 'react';
import { cellClass } from './cell-styles';
import type { GroupGridRow } from './grid-rows';

/**
 * A device's header row inside the list: name, address, type, vendor and site, as the vendor's
 * console shows them. Empty fields are left out rather than shown as a dangling separator.
 * Plain elements styled by class (see cell-styles.ts); memoised on the row, which stays the same
 * object until a new page arrives.
 */
export const GroupHeader = memo(function GroupHeader({ row }: { row: GroupGridRow }) {
  const { device, count } = row;
  const fields: (readonly [string, string])[] = [
    ['Address', device.address],
    ['Type', device.type],
    ['Vendor', device.vendor],
    ['Site', device.site],
  ];
  const details = fields.filter(([, value]) => value !== '');
  return (
    <div data-testid="device-group" className={cellClass.group}>
      <span className={cellClass.groupName}>{device.name}</span>
      {details.map(([label, value]) => (
        <span key={label} className={cellClass.groupDetail}>
          {`${label}: ${value}`}
        </span>
      ))}
      {!device.active && <span className={cellClass.groupWarning}>Device inactive</span>}
      <span className={cellClass.groupCount}>
        {count === 1 ? '1 credential on this page' : `${count} credentials on this page`}
      </span>
    </div>
  );
});
