import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useRef, useState } from 'react';
import { maxPrivateKeyLength } from '../../../../shared/domain/credential';
import type { TabProps } from './draft-editing';

/**
 * The SSH private key, write-only like the password: pasted, or loaded from a file, and sent on
 * Save; the form only ever learns whether one is stored. The core checks that ssh2 can use it
 * (with the passphrase) and refuses it beside this field otherwise.
 */
export function SshKeyField({
  draft,
  errors,
  edit,
  disabled,
  storedKey,
}: Pick<TabProps, 'draft' | 'errors' | 'edit' | 'disabled'> & {
  /** Whether the credential being edited has a key; undefined for a new one (or a clone). */
  storedKey: boolean | undefined;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const typed = draft.privateKey !== '';
  const help = typed
    ? `A new key will be stored on Save (${describeKey(draft.privateKey)}; hidden as it is typed)`
    : draft.keyClear
      ? 'The stored key will be removed on Save'
      : storedKey === true
        ? 'A key is stored: leave empty to keep it.'
        : 'Optional: an OpenSSH or PEM private key, to log in with instead of (or besides) the password.';

  const load = async (file: File | undefined) => {
    setFileError(undefined);
    if (!file) return;
    // Read no more than a key can be: a wrong file (an image, an archive) is refused, not loaded.
    if (file.size > maxPrivateKeyLength) {
      setFileError(`${file.name} is too large for a private key (at most ${maxPrivateKeyLength} characters)`);
      return;
    }
    edit('privateKey', await file.text(), 'privateKey');
    edit('keyClear', false, 'privateKey');
  };

  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
        <TextField
          label="SSH private key"
          multiline
          minRows={2}
          maxRows={6}
          value={draft.privateKey}
          placeholder="-----BEGIN OPENSSH PRIVATE KEY-----"
          onChange={(e) => {
            edit('privateKey', e.target.value, 'privateKey');
            if (e.target.value !== '') edit('keyClear', false, 'privateKey');
          }}
          disabled={disabled}
          error={errors.privateKey !== undefined || fileError !== undefined}
          helperText={errors.privateKey ?? fileError ?? help}
          slotProps={{
            htmlInput: {
              spellCheck: false,
              autoComplete: 'off',
              // Hidden like a password field, and not copied back out of the form.
              onCopy: (e: React.ClipboardEvent) => e.preventDefault(),
              onCut: (e: React.ClipboardEvent) => e.preventDefault(),
            },
          }}
          sx={{
            flex: 1,
            '& textarea': { fontFamily: 'monospace', fontSize: 12, WebkitTextSecurity: 'disc' },
          }}
        />
        <Button
          variant="outlined"
          onClick={() => fileInput.current?.click()}
          disabled={disabled}
          sx={{ mt: 0.5 }}
        >
          Load from file
        </Button>
        <input
          ref={fileInput}
          type="file"
          hidden
          aria-label="SSH private key file"
          onChange={(e) => {
            void load(e.target.files?.[0]);
            // The same file chosen again must load again.
            e.target.value = '';
          }}
        />
        {(storedKey === true || typed) && (
          <Button
            variant="outlined"
            onClick={() => {
              edit('privateKey', '', 'privateKey');
              edit('keyPassphrase', '', 'keyPassphrase');
              edit('keyClear', storedKey === true, 'privateKey');
            }}
            disabled={disabled || (draft.keyClear && !typed)}
            sx={{ mt: 0.5 }}
          >
            Clear key
          </Button>
        )}
      </Box>
      {typed && (
        <TextField
          label="Key passphrase"
          type="password"
          value={draft.keyPassphrase}
          onChange={(e) => edit('keyPassphrase', e.target.value, 'keyPassphrase')}
          disabled={disabled}
          error={errors.keyPassphrase !== undefined}
          helperText={errors.keyPassphrase ?? 'Only for an encrypted key'}
          slotProps={{ htmlInput: { autoComplete: 'new-password', spellCheck: false } }}
        />
      )}
    </Box>
  );
}

/** What a pasted key is, from its armour line, without showing any of it. */
function describeKey(text: string): string {
  const armour = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1];
  const kind = armour === undefined ? 'no key header' : armour.toLowerCase().replace('openssh', 'OpenSSH');
  return `${kind}, ${text.length} characters`;
}
