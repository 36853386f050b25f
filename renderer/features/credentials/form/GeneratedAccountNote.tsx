import Alert from '@mui/material/Alert';
import { ephemeralDigits, ephemeralNameExample } from '../../../../shared/domain/jit';

interface GeneratedAccountNoteProps {
  /** Settings > JIT's user name prefix; undefined while the settings load. */
  prefix: string | undefined;
  /** The credential's own user name, as typed on the Information tab. */
  username: string;
  useOwnCredential: boolean;
}

/**
 * What Creation and deletion does with the user names, said where it is chosen: the session's
 * account is generated (a new one each time), so the credential's own user name is not it. It is
 * the login that runs the templates with "Use own credential to connect", and otherwise only names
 * the credential (the Authentication credential logs in).
 */
export function GeneratedAccountNote({ prefix, username, useOwnCredential }: GeneratedAccountNoteProps) {
  const shown = prefix ?? 'the prefix';
  const own = username === '' ? 'This credential’s user name' : `This credential’s user name (${username})`;
  return (
    <Alert severity="info" role="note" aria-label="Generated account" sx={{ mb: 2 }}>
      Each session creates its own account, {shown} and {ephemeralDigits} random digits
      {prefix === undefined ? '' : ` (e.g. ${ephemeralNameExample(prefix)})`}; the prefix is in Settings &gt;
      JIT. It is deleted when the session ends.{' '}
      {useOwnCredential
        ? `${own} logs in to run the creation and deletion templates.`
        : `${own} is not used to log in: the Authentication credential runs the templates.`}
    </Alert>
  );
}
