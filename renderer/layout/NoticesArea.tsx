import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import { noTokenMessage } from '../api/client';
import { useAppStore } from '../stores/app-store';

/**
 * Under the app bar: the disconnected banner (not dismissible: nothing works until the app is
 * restarted), or in a tab opened without the token what to open instead, the core's notices (e.g. a
 * configuration file moved aside) and failed calls.
 */
export function NoticesArea() {
  const connection = useAppStore((s) => s.connection);
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  return (
    <Stack component="section" aria-label="Notices">
      {connection === 'connecting' && <LinearProgress aria-label="Connecting to the core" />}
      {connection === 'closed' && (
        <Alert severity="error" variant="filled" square>
          Disconnected from the core: nothing can be loaded or saved. Restart the app (npm start) and open the
          address it prints.
        </Alert>
      )}
      {connection === 'no-token' && (
        <Alert severity="error" variant="filled" square>
          {noTokenMessage}
        </Alert>
      )}
      {notices.map((notice) => (
        <Alert
          key={notice.id}
          severity={notice.level}
          square
          closeText="Dismiss"
          onClose={() => dismiss(notice.id)}
        >
          {notice.message}
        </Alert>
      ))}
    </Stack>
  );
}
