import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { executionTypes, type ExecutionType } from '../../../shared/domain/template';
import { typeFolderNames } from '../../../shared/domain/template-library';
import { api } from '../../api/client';
import { libraryBatches, readLibrary, type ReadLibrary } from './library-files';

type Outcome =
  MethodOutput<'templates.importLibrary'>[number] | { path: string; imported: false; reason: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The per-file answer, refused first (what needs attention), each with its path. */
function Outcomes({ outcomes }: { outcomes: readonly Outcome[] }) {
  const imported = outcomes.filter((o) => o.imported).length;
  const refused = outcomes.filter((o) => !o.imported);
  const withWarnings = outcomes.filter((o) => o.imported && o.warnings > 0).length;
  return (
    <Stack spacing={1}>
      <Alert severity={refused.length === 0 ? 'success' : 'warning'} role="status">
        {`${plural(imported, 'template', 'templates')} imported, ${refused.length} refused` +
          (withWarnings > 0 ? ` (${withWarnings} with warnings: open them and press Check)` : '')}
      </Alert>
      <Box
        component="ul"
        aria-label="Import results"
        sx={{ m: 0, pl: 2.5, maxHeight: 300, overflow: 'auto' }}
      >
        {[...refused, ...outcomes.filter((o) => o.imported)].map((o) => (
          <li key={o.path}>
            <Typography component="code" variant="body2" sx={{ fontFamily: 'monospace', fontWeight: 600 }}>
              {o.path}
            </Typography>
            <Typography component="span" variant="body2">
              {o.imported
                ? `: imported as ${o.name}${o.inactive ? ', inactive: the file is empty' : ''}`
                : `: refused: ${o.reason}`}
            </Typography>
          </li>
        ))}
      </Box>
    </Stack>
  );
}

/**
 * Import templates: a library folder (the vendor's, or one's own), each file checked by the plugin
 * its folder names, as `npm run template -- check` does; the accepted ones become new templates.
 */
export function ImportTemplatesDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const [library, setLibrary] = useState<ReadLibrary | undefined>();
  const [otherType, setOtherType] = useState<ExecutionType | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [outcomes, setOutcomes] = useState<Outcome[] | undefined>();

  const choose = async (list: FileList | null) => {
    setOutcomes(undefined);
    setError(undefined);
    setLibrary(list === null || list.length === 0 ? undefined : await readLibrary([...list]));
  };

  const run = async () => {
    if (!library) return;
    const local: Outcome[] = library.refused.map((r) => ({ ...r, imported: false }));
    if (library.files.length === 0) {
      setOutcomes(local);
      return;
    }
    setBusy(true);
    const done: Outcome[] = [];
    for (const files of libraryBatches(library.files)) {
      const result = await api.call(
        'templates.importLibrary',
        otherType === '' ? { files } : { files, otherType },
      );
      if (!result.ok) {
        setBusy(false);
        setError(
          `${done.length === 0 ? 'Nothing was' : `Only the first ${done.length} files were`} imported: ${result.message}`,
        );
        if (done.length > 0) setOutcomes([...local, ...done]);
        return;
      }
      done.push(...result.value);
    }
    setBusy(false);
    setOutcomes([...local, ...done]);
    setLibrary(undefined);
  };

  const found = library ? library.files.length + library.refused.length : 0;
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="md" fullWidth>
      <DialogTitle id={titleId}>Import templates</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            {`A folder of template files, such as senhasegura's library. The folder names say each file's plugin (SSH, PostgreSQL, MySQL, LDAP) and its execution type (${typeFolderNames.join(', ')}). Each file is checked as Check does; those accepted become new templates (version 1), and no existing template is changed.`}
          </DialogContentText>
          <Box>
            <Button variant="outlined" component="label">
              Choose folder…
              <input
                hidden
                type="file"
                multiple
                aria-label="Template folder"
                ref={(input) => input?.setAttribute('webkitdirectory', '')}
                onChange={(e) => void choose(e.target.files)}
              />
            </Button>
          </Box>
          {library && (
            <Typography role="status">
              {`${plural(found, 'template file', 'template files')} found` +
                (library.skipped > 0
                  ? ` (${library.skipped} hidden, Markdown or licence files left out)`
                  : '')}
            </Typography>
          )}
          <TextField
            select
            label="Files under no type folder"
            value={otherType}
            onChange={(e) => setOtherType(e.target.value as ExecutionType | '')}
            helperText="Refused unless you give them an execution type"
            sx={{ maxWidth: 360 }}
          >
            <MenuItem value="">Refuse them</MenuItem>
            {executionTypes.map((t) => (
              <MenuItem key={t} value={t}>
                {t}
              </MenuItem>
            ))}
          </TextField>
          {error !== undefined && <Alert severity="error">{error}</Alert>}
          {outcomes && <Outcomes outcomes={outcomes} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{outcomes ? 'Close' : 'Cancel'}</Button>
        <Button variant="contained" disabled={busy || !library || found === 0} onClick={() => void run()}>
          Import
        </Button>
      </DialogActions>
    </Dialog>
  );
}
