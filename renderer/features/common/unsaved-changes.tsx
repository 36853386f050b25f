import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useEffect, useId, useState, type ReactNode } from 'react';

export const discardTitle = 'Discard your changes?';

/** Form dialogs open with unsaved changes (useGuardedClose counts each while it is changed). */
let changedForms = 0;
/** Whether locking the vault now would discard changes (the Lock button asks first). */
export const hasChangedForm = (): boolean => changedForms > 0;

/**
 * While `dirty`, leaving the page (reload, closing the tab or the window, typing another address)
 * asks first: the browser's own question, or in the Electron shell the one its main process shows
 * when the page cancels `beforeunload` (electron/shell/leave-question.ts).
 */
export function useBeforeUnload(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}

/** The small question asked before a form with unsaved changes is closed. */
export function DiscardChangesDialog({ onDiscard, onKeep }: { onDiscard: () => void; onKeep: () => void }) {
  const titleId = useId();
  return (
    <Dialog open onClose={onKeep} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <DialogTitle id={titleId}>{discardTitle}</DialogTitle>
      <DialogContent>
        <DialogContentText>The changes made in this form are not saved.</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onKeep} autoFocus>
          Keep editing
        </Button>
        <Button color="error" variant="contained" onClick={onDiscard}>
          Discard
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export interface GuardedClose {
  /** For Escape, Cancel and a click outside: closes at once when nothing changed, else asks. */
  requestClose: () => void;
  /** The question, when asked; render it inside the dialog it guards. */
  confirm: ReactNode;
}

/**
 * A form dialog's close, guarded: unchanged, it closes at once; changed, it asks "Discard your
 * changes?" first. While changed, leaving the page asks too (see useBeforeUnload).
 */
export function useGuardedClose(dirty: boolean, onClose: () => void): GuardedClose {
  const [asking, setAsking] = useState(false);
  useBeforeUnload(dirty);
  // Counted while changed, so that Lock asks before discarding it too.
  useEffect(() => {
    if (!dirty) return;
    changedForms++;
    return () => {
      changedForms--;
    };
  }, [dirty]);
  return {
    requestClose: () => (dirty ? setAsking(true) : onClose()),
    confirm: asking ? (
      <DiscardChangesDialog
        onKeep={() => setAsking(false)}
        onDiscard={() => {
          setAsking(false);
          onClose();
        }}
      />
    ) : null,
  };
}
