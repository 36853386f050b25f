/**
 * How every screen says a save (or a delete) went through: one toast at the bottom of the window,
 * worded the same everywhere, "Saved: <name>". Forms close (or stay, like Settings) as they did;
 * the toast is what the user reads, whichever screen saved. It outlives the dialog that saved.
 */
import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';
import { type RefObject, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { create } from 'zustand';
import { useTopModal } from './top-modal';

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

/**
 * Where the toast lives, so a screen reader hears it whether or not a modal is open. An open MUI
 * modal (the template editor stays open after Save) sets aria-hidden on every other child of the
 * body, the app's frame with it: a toast left in the frame is read by nobody. So the toast is
 * portalled into one element that is moved into the top open modal's root (beside the dialog, not
 * in it: the dialog's own buttons and statuses stay its own), and back into the frame when none is
 * open. Moving that element, rather than portalling into each modal in turn, keeps the one toast
 * mounted: its time runs on, and it outlives the dialog that saved. Its place in the frame is
 * inside the app's root, not a child of the body, so ModalManager's sweep never marks it itself.
 */
function useToastHost(): { host: HTMLElement; frameSlot: RefObject<HTMLDivElement | null> } {
  const [host] = useState(() => document.createElement('div'));
  const frameSlot = useRef<HTMLDivElement>(null);
  const modal = useTopModal();
  useLayoutEffect(() => {
    (modal ?? frameSlot.current)?.appendChild(host);
    return () => host.remove();
  }, [host, modal]);
  return { host, frameSlot };
}

/** Mounted once, in the app's frame. */
export function SaveToast() {
  const toast = useToastStore((s) => s.toast);
  const { host, frameSlot } = useToastHost();
  const close = () => useToastStore.setState({ toast: undefined });
  return (
    <>
      <div ref={frameSlot} />
      {createPortal(
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
        </Snackbar>,
        host,
      )}
    </>
  );
}
