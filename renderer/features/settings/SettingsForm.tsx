import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import { announceSaved } from '../common/save-toast';
import { SubmitForm } from '../common/SubmitForm';
import { themeModeSchema, type Settings, type ThemeMode } from '../../../shared/domain/settings';
import { useSettingsStore } from '../../stores/settings-store';
import {
  draftsEqual,
  errorsFromFailure,
  fromDraft,
  toDraft,
  type ErrorSlot,
  type FieldErrors,
  type SettingsDraft,
} from './settings-draft';

const themeLabels: Record<ThemeMode, string> = {
  system: 'System',
  light: 'Light',
  dark: 'Dark',
};

const classFields = [
  { key: 'lowercase', label: 'Lowercase letters' },
  { key: 'uppercase', label: 'Uppercase letters' },
  { key: 'digits', label: 'Digits' },
  { key: 'symbols', label: 'Symbols' },
] as const;

/** A finished save is said by the toast (save-toast.tsx), as on every screen. */
type Status = 'idle' | 'saving';

/**
 * The whole settings form, saved at once (`settings.set` replaces the settings). Validated with the
 * shared schema before sending; the core validates again and its failure is shown beside its field.
 */
export function SettingsForm({ saved }: { saved: Settings }) {
  const save = useSettingsStore((s) => s.save);
  const [baseline, setBaseline] = useState(saved);
  const [draft, setDraft] = useState(() => toDraft(saved));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>('idle');
  const dirty = !draftsEqual(draft, toDraft(baseline));

  // Settings saved elsewhere (another window, the core) replace the form unless the user is editing;
  // then Reset brings them in. Adjusted during render, as React recommends, not in an effect.
  if (saved !== baseline) {
    setBaseline(saved);
    if (!dirty) setDraft(toDraft(saved));
  }

  const edit = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K], slot: ErrorSlot) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors(({ [slot]: _cleared, form: _form, ...rest }) => rest);
    setStatus('idle');
  };

  const submit = async () => {
    const parsed = fromDraft(draft);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setStatus('idle');
      return;
    }
    setErrors({});
    setStatus('saving');
    const result = await save(parsed.settings);
    if (!result.ok) {
      setErrors(errorsFromFailure(result));
      setStatus('idle');
      return;
    }
    setBaseline(result.value);
    setDraft(toDraft(result.value));
    setStatus('idle');
    announceSaved('Settings');
  };

  const reset = () => {
    setDraft(toDraft(baseline));
    setErrors({});
    setStatus('idle');
  };

  const numberField = (
    key: keyof SettingsDraft & ErrorSlot,
    label: string,
    help: string,
    min: number,
    max: number,
  ) => (
    <TextField
      label={label}
      type="number"
      value={draft[key]}
      onChange={(e) => edit(key, e.target.value, key)}
      error={errors[key] !== undefined}
      helperText={errors[key] ?? help}
      slotProps={{ htmlInput: { min, max, step: 1 } }}
    />
  );

  return (
    <SubmitForm onSubmit={submit} label="Settings">
      <Stack spacing={2}>
        <Section title="Appearance">
          <TextField
            select
            label="Theme"
            value={draft.theme}
            onChange={(e) => {
              const parsed = themeModeSchema.safeParse(e.target.value);
              if (parsed.success) edit('theme', parsed.data, 'theme');
            }}
            error={errors.theme !== undefined}
            helperText={errors.theme ?? 'System follows the light or dark setting of the operating system.'}
            // A native select: its accessible name is exactly the label and keyboards work as usual.
            slotProps={{ select: { native: true } }}
          >
            {themeModeSchema.options.map((mode) => (
              <option key={mode} value={mode}>
                {themeLabels[mode]}
              </option>
            ))}
          </TextField>
        </Section>

        <Section title="Password policy">
          {numberField(
            'passwordLength',
            'Password length',
            'Generated passwords: 8 to 256 characters.',
            8,
            256,
          )}
          <FormControl
            component="fieldset"
            error={errors.characterClasses !== undefined}
            sx={{ gridColumn: '1 / -1' }}
          >
            <FormLabel component="legend">Character classes</FormLabel>
            <FormGroup row>
              {classFields.map(({ key, label }) => (
                <FormControlLabel
                  key={key}
                  label={label}
                  control={
                    <Checkbox
                      checked={draft[key]}
                      onChange={(e) => edit(key, e.target.checked, 'characterClasses')}
                    />
                  }
                />
              ))}
            </FormGroup>
            <FormHelperText>
              {errors.characterClasses ??
                'Generated passwords use at least one character of each chosen class.'}
            </FormHelperText>
          </FormControl>
        </Section>

        <Section title="Just In Time defaults">
          <TextField
            label="Username prefix"
            value={draft.usernamePrefix}
            onChange={(e) => edit('usernamePrefix', e.target.value, 'usernamePrefix')}
            error={errors.usernamePrefix !== undefined}
            helperText={
              errors.usernamePrefix ??
              `Accounts created for a session are named ${draft.usernamePrefix || 'prefix'} + 7 random digits.`
            }
            slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' } }}
          />
          {numberField(
            'maxSessionMinutes',
            'Maximum session length (minutes)',
            'A session is ended when it reaches this length (at most 1440).',
            1,
            1440,
          )}
        </Section>

        <Section title="Security">
          {numberField(
            'autoLockMinutes',
            'Lock the vault after idle (minutes)',
            'With no activity for this long, the vault locks and asks for the passphrase (0 never locks).',
            0,
            1440,
          )}
        </Section>

        <Section title="Cleanup retries">
          {numberField(
            'maxAttempts',
            'Maximum attempts',
            'After the last failed attempt the session needs attention.',
            1,
            20,
          )}
          {numberField(
            'baseDelaySeconds',
            'Base delay (seconds)',
            'Wait before the first retry; it doubles each attempt, with jitter.',
            1,
            3600,
          )}
          {numberField(
            'maxDelaySeconds',
            'Maximum delay (seconds)',
            'The longest wait between two attempts.',
            1,
            86400,
          )}
        </Section>

        {errors.form !== undefined && <Alert severity="error">{errors.form}</Alert>}

        <Stack direction="row" spacing={1}>
          <Button type="submit" variant="contained" disabled={status === 'saving'}>
            Save
          </Button>
          <Button
            type="button"
            variant="outlined"
            onClick={reset}
            disabled={!dirty && Object.keys(errors).length === 0}
          >
            Reset
          </Button>
        </Stack>
      </Stack>
    </SubmitForm>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-label={title} sx={{ p: 2 }}>
      <Typography variant="h2" sx={{ mb: 2 }}>
        {title}
      </Typography>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))' }}>
        {children}
      </Box>
    </Paper>
  );
}
