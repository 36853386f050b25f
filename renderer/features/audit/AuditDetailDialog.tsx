import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import type { AuditEntry } from '../../../shared/domain/audit';
import { FieldList } from '../common/FieldList';
import { auditDetailFields } from './audit-format';

/**
 * One audit entry, opened from its row. The log names the fields a change touched, never their
 * values (a value may be a secret), so the detail lists the fields, not what they held.
 */
export function AuditDetailDialog({ entry, onClose }: { entry: AuditEntry; onClose: () => void }) {
  return (
    <Dialog open onClose={onClose} aria-labelledby="audit-detail-title" maxWidth="sm" fullWidth>
      <DialogTitle id="audit-detail-title">Audit entry</DialogTitle>
      <DialogContent>
        <FieldList fields={auditDetailFields(entry)} />
        {entry.fields.length > 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
            The audit log records which fields changed, never their values.
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
