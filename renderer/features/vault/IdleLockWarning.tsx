import Alert from '@mui/material/Alert';
import Portal from '@mui/material/Portal';
import Snackbar from '@mui/material/Snackbar';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { activityThrottle } from './activity-throttle';

/** User input that shows someone is at this window (moving the mouse too, as the warning says). */
const inputEvents = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;

/**
 * While a passphrase vault is open: reports user input to the core (`vault.activity`, throttled),
 * so typing in a long form keeps the vault open, and shows the core's warning a minute before the
 * idle lock. Any input in any window takes the warning back (the core tells every window).
 */
export function IdleLockWarning() {
  const [open, setOpen] = useState(false);
  /** When the lock falls due, by this window's clock (kept while the warning fades out). */
  const [locksAt, setLocksAt] = useState(0);
  const [now, setNow] = useState(0);

  useEffect(() => {
    const throttle = activityThrottle(() => void api.call('vault.activity', undefined));
    // Capture: a dialog or an editor that stops an event's propagation still counts as input.
    for (const name of inputEvents)
      window.addEventListener(name, throttle.input, { capture: true, passive: true });
    const unsubscribe = api.subscribe('vault.idleWarning', ({ secondsLeft }) => {
      setOpen(secondsLeft !== null);
      if (secondsLeft === null) return;
      throttle.rearm();
      setNow(Date.now());
      setLocksAt(Date.now() + secondsLeft * 1000);
    });
    return () => {
      unsubscribe();
      for (const name of inputEvents) window.removeEventListener(name, throttle.input, { capture: true });
    };
  }, []);

  // Counting down, once a second while the warning shows.
  useEffect(() => {
    if (!open) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [open]);

  const secondsLeft = Math.max(0, Math.ceil((locksAt - now) / 1000));
  // In a portal of its own, added to the page when it opens: an open dialog hides everything that
  // was on the page before it from screen readers (aria-hidden), and the warning must be heard.
  return (
    <Portal>
      <Snackbar open={open} anchorOrigin={{ vertical: 'top', horizontal: 'center' }}>
        <Alert severity="warning" variant="filled" role="alert">
          {`Locking in ${secondsLeft} s — move the mouse or press a key to stay unlocked`}
        </Alert>
      </Snackbar>
    </Portal>
  );
}
