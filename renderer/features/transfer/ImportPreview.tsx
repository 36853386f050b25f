import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { clashTitle } from '../../../shared/domain/import-clash';
import { chooseAll, type Choices, type Clash, type Preview } from './import-choices';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const maxListed = 20;

/** A count with the first names, e.g. "2 devices: web-01, db-01". */
function Contents({ label, names }: { label: string; names: readonly string[] }) {
  const listed = names.slice(0, maxListed).join(', ');
  const more = names.length > maxListed ? ` and ${names.length - maxListed} more` : '';
  return (
    <Typography variant="body2">
      <strong>{label}</strong>
      {names.length === 0 ? '' : `: ${listed}${more}`}
    </Typography>
  );
}

/** What Skip means for this item, said before the choice. */
function skipHint(clash: Clash): string {
  if (clash.kind === 'template') return 'Skip: the bundle’s credentials use the existing template.';
  const kept = clash.existingCredentials;
  const attached = 'Skip: the bundle’s credentials of this device attach to the existing one';
  return kept.length === 0
    ? `${attached}.`
    : `${attached}; ${kept.join(', ')} already ${kept.length === 1 ? 'exists' : 'exist'} there and ${kept.length === 1 ? 'is' : 'are'} kept as ${kept.length === 1 ? 'it is' : 'they are'}.`;
}

export interface ImportPreviewProps {
  preview: Preview;
  choices: Choices;
  problems: ReadonlyMap<string, string>;
  /** Whether to show "Choose Skip or Rename" on clashes not chosen yet (after a try to import). */
  showMissing: boolean;
  onChange: (choices: Choices) => void;
}

/**
 * What the bundle holds (nothing is written yet) and, for each device or template whose name is
 * taken here, Skip or Rename with a free name proposed, checked as it is typed.
 */
export function ImportPreview({ preview, choices, problems, showMissing, onChange }: ImportPreviewProps) {
  const held = [
    plural(preview.passwords, 'password', 'passwords'),
    plural(preview.keys, 'SSH key', 'SSH keys'),
    ...(preview.secretFields === 0
      ? []
      : [plural(preview.secretFields, 'secret custom field', 'secret custom fields')]),
  ];
  const secrets =
    preview.passwords === 0 && preview.keys === 0 && preview.secretFields === 0
      ? 'no passwords'
      : `${held.slice(0, -1).join(', ')} and ${held.at(-1) ?? ''}`;
  return (
    <Stack spacing={1.5} aria-label="Preview" role="region">
      <Alert severity="info">Nothing is written yet. The bundle holds:</Alert>
      <Contents label={plural(preview.devices.length, 'device', 'devices')} names={preview.devices} />
      <Contents label={plural(preview.templates.length, 'template', 'templates')} names={preview.templates} />
      <Contents
        label={plural(preview.credentials.length, 'credential', 'credentials')}
        names={preview.credentials}
      />
      <Typography variant="body2">{`Secrets: ${secrets}`}</Typography>
      {preview.clashes.length === 0 ? (
        <Typography variant="body2">No name in the bundle is taken here.</Typography>
      ) : (
        <>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography variant="subtitle2" sx={{ flexGrow: 1 }}>
              {`${plural(preview.clashes.length, 'name is', 'names are')} already taken here`}
            </Typography>
            <Button size="small" onClick={() => onChange(chooseAll(choices, 'skip'))}>
              Skip all
            </Button>
            <Button size="small" onClick={() => onChange(chooseAll(choices, 'rename'))}>
              Rename all
            </Button>
          </Stack>
          <Box component="ul" aria-label="Clashes" sx={{ m: 0, pl: 0, listStyle: 'none' }}>
            {preview.clashes.map((clash) => {
              const choice = choices[clash.path] ?? { action: undefined, name: clash.proposed };
              const problem = problems.get(clash.path);
              const title = clashTitle(clash);
              const set = (next: Partial<typeof choice>) =>
                onChange({ ...choices, [clash.path]: { ...choice, ...next } });
              return (
                <Box
                  component="li"
                  key={clash.path}
                  aria-label={title}
                  sx={{ py: 1, borderTop: 1, borderColor: 'divider' }}
                >
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {`${title} already exists`}
                  </Typography>
                  <RadioGroup
                    row
                    aria-label={`${title}: choice`}
                    value={choice.action ?? ''}
                    onChange={(e) => set({ action: e.target.value === 'rename' ? 'rename' : 'skip' })}
                  >
                    <FormControlLabel value="skip" control={<Radio size="small" />} label="Skip" />
                    <FormControlLabel value="rename" control={<Radio size="small" />} label="Rename" />
                  </RadioGroup>
                  {choice.action === 'rename' ? (
                    <TextField
                      size="small"
                      fullWidth
                      label={`New name for ${title}`}
                      value={choice.name}
                      onChange={(e) => set({ name: e.target.value })}
                      error={problem !== undefined}
                      helperText={problem ?? 'Added under this name'}
                    />
                  ) : (
                    <Typography
                      variant="caption"
                      color={showMissing && problem !== undefined ? 'error' : 'text.secondary'}
                    >
                      {choice.action === 'skip'
                        ? skipHint(clash)
                        : showMissing && problem !== undefined
                          ? problem
                          : `${skipHint(clash)} Rename: added as "${clash.proposed}" (editable).`}
                    </Typography>
                  )}
                </Box>
              );
            })}
          </Box>
        </>
      )}
    </Stack>
  );
}
