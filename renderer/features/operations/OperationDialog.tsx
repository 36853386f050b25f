import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { Operation } from '../../../shared/domain/operation';
import { useOperationsStore } from '../../stores/operations-store';
import { FieldList, type Field } from '../common/FieldList';
import { kindLabels, pluginName, templateLabel } from './operation-format';
import { OperationAttempt } from './OperationAttempt';
import { OperationStatusChip } from './OperationStatusChip';
import { DateTime } from '../common/DateTime';
import { monospace } from '../templates/ContentField';
import { bidiShown } from '../../../shared/domain/text-rules';

const headerFields = (op: Operation): Field[] => [
  ['Status', <OperationStatusChip key="status" status={op.status} />],
  ['Kind', kindLabels[op.kind]],
  ['Plugin', pluginName(op.pluginId)],
  ['Template', templateLabel(op)],
  ['Device', op.deviceLabel || '—'],
  ['Account', bidiShown(op.account) || '—'],
  ['Run as', op.runAs || '—'],
  ['Requester', op.requester],
  ...(op.sessionId === null ? [] : [['Session', op.sessionId] as const]),
  ['Started', <DateTime iso={op.createdAt} />],
  ['Last change', <DateTime iso={op.updatedAt} />],
  ['ID', op.id],
];

/**
 * The operation open in the store, live: a running operation's steps and status arrive through
 * `operations.changed` while the dialog is open.
 */
export function OperationDialog() {
  const op = useOperationsStore((s) => s.detail);
  const close = useOperationsStore((s) => s.closeDetail);
  if (op === undefined) return null;
  return (
    <Dialog open onClose={close} aria-labelledby="operation-title" maxWidth="lg" fullWidth>
      {/* Keyed by id: a cancel message about one operation must not stay when another is opened. */}
      <OperationContent key={op.id} op={op} onClose={close} />
    </Dialog>
  );
}

function OperationContent({ op, onClose }: { op: Operation; onClose: () => void }) {
  const cancel = useOperationsStore((s) => s.cancel);
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<string | undefined>();

  const cancelOperation = async () => {
    setCancelling(true);
    setCancelError(undefined);
    const result = await cancel(op.id);
    setCancelling(false);
    // On success the new status arrives as an event; only a refusal needs saying here.
    if (!result.ok) setCancelError(result.message);
  };

  return (
    <>
      <DialogTitle id="operation-title">Operation</DialogTitle>
      <DialogContent>
        <FieldList fields={headerFields(op)} />
        {cancelError !== undefined && (
          // No close icon: its name ("Close") would clash with the dialog's Close button.
          <Alert severity="error" sx={{ mt: 2 }}>
            {`Could not cancel the operation: ${cancelError}`}
          </Alert>
        )}
        {op.templateVersion === null && op.templateContent !== undefined && (
          <DraftText text={op.templateContent} />
        )}
        {/* In the order they ran: the first failure's cause comes first. */}
        {op.attempts.map((attempt) => (
          <OperationAttempt key={attempt.number} attempt={attempt} />
        ))}
      </DialogContent>
      <DialogActions>
        {op.status === 'Running' && (
          <Button color="error" disabled={cancelling} onClick={() => void cancelOperation()}>
            Cancel operation
          </Button>
        )}
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </>
  );
}

/** A draft run's exact text: no saved version holds it, so the operation is where it is read. */
function DraftText({ text }: { text: string }) {
  return (
    <Box component="section" aria-labelledby="operation-draft-title" sx={{ mt: 2 }}>
      <Typography id="operation-draft-title" variant="subtitle2" component="h3">
        The unsaved text that ran
      </Typography>
      <Box
        component="pre"
        sx={{
          fontFamily: monospace,
          fontSize: 13,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-word',
          bgcolor: 'action.hover',
          p: 1.5,
          m: 0,
          borderRadius: 1,
          maxHeight: 320,
          overflow: 'auto',
        }}
      >
        {text}
      </Box>
    </Box>
  );
}
