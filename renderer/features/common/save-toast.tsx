/**
 * How every screen says a save (or a delete) went through: one toast at the bottom of the window,
 * worded the same everywhere, "Saved: <name>". Forms close (or stay, like Settings) as they did;
 * the toast is what the user reads, whichever screen saved. It outlives the dialog that saved.
 */
import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';
import { create } from 'zustand';

interface Toast {
  /** A new id for each message, so the same text said twice shows twice. */
  readonly id: number;
  readonly text: string;
}

const useToastStore = create<{ toast: Toast | undefined }>()(() => ({ toast: undefined }));
let seq = 0;

/** Shows `text` in the toast, replacing what it showed. */
export function announce(text: string): void {
  seq += 1;
  useToastStore.setState({ toast: { id: seq, text } });
}

/** The wording of a save, the same on every screen. */
export const savedText = (name: string): string => `Saved: ${name}`;
export const deletedText = (name: string): string => `Deleted: ${name}`;

export const announceSaved = (name: string): void => announce(savedText(name));
export const announceDeleted = (name: string): void => announce(deletedText(name));

/** Long enough to read a name; the message stays while the pointer is over it (Snackbar's own rule). */
const showMs = 6000;

/** Mounted once, in the app's frame. */
export function SaveToast() {
  const toast = useToastStore((s) => s.toast);
  const close = () => useToastStore.setState({ toast: undefined });
  return (
    <Snackbar
      key={toast?.id}
      open={toast !== undefined}
      autoHideDuration={showMs}
      onClose={(_event, reason) => {
        // A click elsewhere is the user working on: the message stays for its time.
        if (reason !== 'clickaway') close();
      }}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
    >
      <Alert severity="success" variant="filled" role="status" closeText="Dismiss" onClose={close}>
        {toast?.text}
      </Alert>
    </Snackbar>
  );
}
