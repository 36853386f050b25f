import Autocomplete from '@mui/material/Autocomplete';
import Paper, { type PaperProps } from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { createContext, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { CredentialOption, CredentialOptions } from '../../../../shared/contract/credentials';
import { credentialLabel } from '../list/grid-rows';
import { useCredentialOptions } from './use-credential-options';

/** Matches asked for per search: enough to scroll, small enough to send at every pause in typing. */
const pageSize = 50;

export const authCredentialLabel = 'Authentication credential';

/** The device id of a chosen credential the core does not know (ids start at 1). */
const unknownDevice = 0;

/** How an option reads, as the drop-down read before it was searched: `user @ device`. */
function optionLabel(o: CredentialOption): string {
  if (o.deviceId === unknownDevice) return `Credential ${o.id} (not found)`;
  const label = credentialLabel(o.username, o.deviceName);
  return o.deleted ? `${label} (deleted)` : label;
}

/** The core's match, repeated here only to count what the list shows (search is never done here). */
function matches(o: CredentialOption, search: string): boolean {
  const text = search.trim().toLowerCase();
  if (o.deleted) return false;
  return text === '' || o.username.toLowerCase().includes(text) || o.deviceName.toLowerCase().includes(text);
}

/** Matches the answer left out: its total less the matches it holds (the chosen one may not be one). */
function moreCount(answer: CredentialOptions, chosenId: number | null, search: string): number {
  const chosen = answer.rows.find((o) => o.id === chosenId);
  const shown = answer.rows.length - (chosen && !matches(chosen, search) ? 1 : 0);
  return Math.max(0, answer.total - shown);
}

const sameOption = (a: CredentialOption, b: CredentialOption): boolean =>
  a.id === b.id &&
  a.username === b.username &&
  a.deviceId === b.deviceId &&
  a.deviceName === b.deviceName &&
  a.status === b.status &&
  a.hasPassword === b.hasPassword &&
  a.deleted === b.deleted;

/** The "N more" line under the options, passed to the popup's paper (a slot takes no extra props). */
const MoreText = createContext<string | undefined>(undefined);

function OptionsPaper({ children, ...props }: PaperProps) {
  const more = useContext(MoreText);
  return (
    <Paper {...props}>
      {children}
      {more !== undefined && (
        <Typography
          variant="caption"
          color="text.secondary"
          component="div"
          sx={{ px: 2, py: 1, borderTop: 1, borderColor: 'divider' }}
          // A click here must not take the focus from the input (that would close the list).
          onMouseDown={(e) => e.preventDefault()}
        >
          {more}
        </Typography>
      )}
    </Paper>
  );
}

interface AuthCredentialFieldProps {
  /** The chosen credential's id. */
  value: number | null;
  /** What the form knows of the chosen credential (loaded with the dialog, or picked here). */
  chosen: CredentialOption | undefined;
  /** The credential being edited: it cannot authenticate itself, so it is never offered. */
  selfId: number | null;
  /** The device the templates run on: its credentials are offered first. */
  deviceId: number | null;
  /** Said beside the field when there is no error (a credential of another device, say). */
  warnings: readonly string[];
  required: boolean;
  disabled: boolean;
  error: boolean;
  helperText: string | undefined;
  onChange: (option: CredentialOption | null) => void;
}

/**
 * The Authentication credential control: a combobox whose options the core searches as the user
 * types (there may be 10,000 credentials), `pageSize` at a time, the chosen one always among them
 * (asked for by id). Its accessible name is exactly its label.
 */
export function AuthCredentialField({
  value,
  chosen,
  selfId,
  deviceId,
  warnings,
  required,
  disabled,
  error,
  helperText,
  onChange,
}: AuthCredentialFieldProps) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const text = search.trim();
  const state = useCredentialOptions(
    open && !disabled
      ? {
          ...(text === '' ? {} : { search: text }),
          ...(deviceId === null ? {} : { preferDeviceId: deviceId }),
          // Never offered, so never taking a place in the page nor in the "more" count.
          ...(selfId === null ? {} : { exceptIds: [selfId] }),
          ids: value === null ? [] : [value],
          limit: pageSize,
        }
      : undefined,
  );
  const answer =
    state.status === 'ready' ? state.options : state.status === 'loading' ? state.previous : undefined;

  // The same object for as long as the choice reads the same: every answer holds the chosen
  // credential afresh, and a new value object makes the Autocomplete reset what the user typed.
  const kept = useRef<CredentialOption | null>(null);
  const current = useMemo<CredentialOption | null>(() => {
    if (value === null) return null;
    const fresh = answer?.rows.find((o) => o.id === value);
    const next = fresh ??
      (chosen?.id === value ? chosen : undefined) ?? {
        // Not known (it no longer exists): still shown, so the rule's error has something to point at.
        id: value,
        username: '',
        deviceId: unknownDevice,
        deviceName: '',
        status: 'Inactive',
        hasPassword: false,
        deleted: true,
      };
    return kept.current !== null && sameOption(kept.current, next) ? kept.current : next;
  }, [value, answer, chosen]);
  useEffect(() => {
    kept.current = current;
  }, [current]);

  // Unsearched, the chosen credential comes first (even a deleted one, which cannot be picked
  // again); searched, only what matches is listed, so "No credentials match" means it.
  const options = useMemo(() => {
    const list = (answer?.rows ?? []).filter((o) =>
      o.id === value ? text === '' || matches(o, text) : o.id !== selfId && !o.deleted,
    );
    if (text === '' && current && !list.some((o) => o.id === current.id)) list.unshift(current);
    return list;
  }, [answer, selfId, value, current, text]);

  const more = answer ? moreCount(answer, value, search) : 0;
  const searchFailed = state.status === 'error';
  // A rule's error first; a failed search says so instead of the hint; then the warnings.
  const warned = !error && !searchFailed && warnings.length > 0;
  const shownHelp = error
    ? helperText
    : searchFailed
      ? state.message
      : warned
        ? warnings.join(' ')
        : helperText;

  return (
    <MoreText.Provider value={more > 0 ? `${more} more, type to narrow` : undefined}>
      <Autocomplete
        open={open}
        onOpen={() => setOpen(true)}
        onClose={() => setOpen(false)}
        value={current}
        options={options}
        // The core has searched already: the options are shown as they come.
        filterOptions={(x) => x}
        getOptionLabel={optionLabel}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        getOptionDisabled={(o) => o.deleted}
        onChange={(_event, option) => onChange(option)}
        // Only typing searches; the text a choice writes into the input is not a search.
        onInputChange={(_event, input, reason) => setSearch(reason === 'input' ? input : '')}
        loading={state.status === 'loading'}
        loadingText="Loading…"
        // The options shown while a search runs are the last answer's, and are about to change.
        slotProps={{ listbox: { 'aria-busy': state.status === 'loading' } }}
        noOptionsText={state.status === 'error' ? 'Could not search the credentials' : 'No credentials match'}
        disabled={disabled}
        slots={{ paper: OptionsPaper }}
        renderInput={(params) => (
          <TextField
            {...params}
            label={authCredentialLabel}
            required={required}
            error={error || searchFailed}
            helperText={shownHelp}
            placeholder="Choose a credential"
            slotProps={{
              inputLabel: { ...params.InputLabelProps, shrink: true },
              formHelperText: warned
                ? {
                    role: 'status',
                    sx: (t) => ({
                      color: t.palette.mode === 'dark' ? t.palette.warning.light : t.palette.warning.dark,
                    }),
                  }
                : {},
            }}
          />
        )}
      />
    </MoreText.Provider>
  );
}
