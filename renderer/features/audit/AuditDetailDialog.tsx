import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import type { AuditEntry } from '../../../shared/domain/audit';
import { FieldList } from '../common/FieldList';
import { auditChangeLines, auditDetailFields } from './audit-format';

/**
 * One audit entry, opened from its row: who, when, what, and for a save each changed field by its
 * form's label with its value before and after ("Address: a → b"). A secret reads "changed": the
 * log never holds its value. Entries written before values were kept list the field names only.
 */
export function AuditDetailDialog({ entry, onClose }: { entry: AuditEntry; onClose: () => void }) {
  const { lines, more } = auditChangeLines(entry);
  return (
    <Dialog open onClose={onClose} aria-labelledby="audit-detail-title" maxWidth="sm" fullWidth>
      <DialogTitle id="audit-detail-title">Audit entry</DialogTitle>
      <DialogContent>
        <FieldList fields={auditDetailFields(entry)} />
        {lines.length > 0 && (
          <Box component="section" aria-labelledby="audit-changes-title" sx={{ mt: 2 }}>
            <Typography id="audit-changes-title" variant="subtitle2" component="h3">
              Changes
            </Typography>
            <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
              {lines.map((line, i) => (
                <Typography key={i} component="li" variant="body2" sx={{ wordBreak: 'break-word' }}>
                  {line}
                </Typography>
              ))}
            </Box>
            {more > 0 && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                {more} more changed {more === 1 ? 'field is' : 'fields are'} named above, without values.
              </Typography>
            )}
          </Box>
        )}
        {entry.fields.length > 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
            {lines.length > 0
              ? 'Secret fields are recorded as changed, never with their values.'
              : 'This entry records which fields changed, not their values.'}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
