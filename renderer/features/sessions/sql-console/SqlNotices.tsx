import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { bidiShown } from '../../../../shared/domain/text-rules';

/**
 * What the server said beside the last run's result (PostgreSQL NOTICE, WARNING, INFO). The region
 * is always on the page, empty between runs, so that screen readers announce what appears in it
 * (a live region mounted with its text already in it is often not read).
 */
export function SqlNotices({ notices }: { notices: readonly string[] | undefined }) {
  const shown = notices ?? [];
  return (
    <Box role="status" aria-label="Server notices" aria-live="polite">
      {shown.length > 0 && (
        <Box sx={{ border: 1, borderColor: 'info.main', borderRadius: 1, p: 1.5, bgcolor: 'action.hover' }}>
          <Typography variant="subtitle2" component="p">
            {shown.length === 1 ? 'The server said:' : `The server said (${shown.length} messages):`}
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 3, fontFamily: 'monospace', whiteSpace: 'pre-wrap' }}>
            {shown.map((notice, i) => (
              // The same text may come twice: the position is its identity.
              <li key={i}>{bidiShown(notice)}</li>
            ))}
          </Box>
        </Box>
      )}
    </Box>
  );
}
