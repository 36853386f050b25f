import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import type { GroupGridRow } from './grid-rows';

/**
 * A device's header row inside the list: name, address, type, vendor and site, as the vendor's
 * console shows them. Empty fields are left out rather than shown as a dangling separator.
 */
export function GroupHeader({ row }: { row: GroupGridRow }) {
  const { device, count } = row;
  const fields: (readonly [string, string])[] = [
    ['Address', device.address],
    ['Type', device.type],
    ['Vendor', device.vendor],
    ['Site', device.site],
  ];
  const details = fields.filter(([, value]) => value !== '');
  return (
    <Box
      data-testid="device-group"
      sx={{ display: 'flex', alignItems: 'center', gap: 2, minWidth: 0, height: '100%', overflow: 'hidden' }}
    >
      <Typography component="span" sx={{ fontWeight: 700 }}>
        {device.name}
      </Typography>
      {details.map(([label, value]) => (
        <Typography component="span" variant="body2" key={label} sx={{ color: 'text.secondary' }}>
          {`${label}: ${value}`}
        </Typography>
      ))}
      {!device.active && <Chip size="small" label="Device inactive" color="warning" variant="outlined" />}
      <Typography component="span" variant="caption" sx={{ color: 'text.secondary', ml: 'auto' }}>
        {count === 1 ? '1 credential on this page' : `${count} credentials on this page`}
      </Typography>
    </Box>
  );
}
