import TextField from '@mui/material/TextField';
import type { CredentialFilter } from '../../../shared/contract/credentials';
import { credentialStatuses, credentialTypes } from '../../../shared/domain/credential';
import {
  emptyFilterDraft,
  fromFilterDraft,
  toFilterDraft,
  type FilterDraft,
  type FilterErrors,
} from './filter-draft';
import { errorProps, FilterBar as FilterForm, useValidatedFilter } from '../common/FilterBar';
import { SelectField, type SelectOption } from '../common/SelectField';

const any: SelectOption = { value: '', label: 'Any' };
const jitOptions: SelectOption[] = [any, { value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }];
const statusOptions: SelectOption[] = [any, ...credentialStatuses.map((s) => ({ value: s, label: s }))];
const typeOptions: SelectOption[] = [any, ...credentialTypes.map((t) => ({ value: t, label: t }))];

interface FilterBarProps {
  /** The filter the list shows now; the bar starts from it (e.g. when coming back to the screen). */
  applied: CredentialFilter;
  onApply: (filter: CredentialFilter) => void;
  /**
   * Credentials > Just In Time: the view lists JIT credentials only, so "Just in time" shows Yes and
   * cannot be changed (the core ignores it there). The All view's own choice is kept for it.
   */
  jitOnly?: boolean;
}

/**
 * Username, Device, Just in time, Status, Type and Tags, applied together by Filter (or Enter in a
 * field: the bar is a form). Nothing is sent while typing: each Filter is one server query.
 */
export function FilterBar({ applied, onApply, jitOnly = false }: FilterBarProps) {
  const { draft, errors, edit, apply, clear } = useValidatedFilter<
    FilterDraft,
    FilterErrors,
    CredentialFilter
  >(() => toFilterDraft(applied), { check: fromFilterDraft, empty: emptyFilterDraft, onApply });

  // Helper text only for errors, so the bar stays one line; every label floats, like the selects'.
  const text = (key: 'username' | 'device' | 'tags', label: string, placeholder: string) => (
    <TextField
      label={label}
      value={draft[key]}
      onChange={(e) => edit(key, e.target.value)}
      {...errorProps(errors[key])}
      placeholder={placeholder}
      slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' }, inputLabel: { shrink: true } }}
      sx={{ width: key === 'device' ? 170 : 150 }}
    />
  );

  return (
    <FilterForm
      label="Filter credentials"
      search
      onApply={apply}
      onClear={clear}
      clearVariant="outlined"
      sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'flex-start' }}
    >
      {text('username', 'Username', 'Contains')}
      {text('device', 'Device', 'Name or address')}
      <SelectField
        label="Just in time"
        value={jitOnly ? 'yes' : draft.jit}
        options={jitOptions}
        onChange={(v) => edit('jit', v === 'yes' || v === 'no' ? v : '')}
        disabled={jitOnly}
        title={jitOnly ? 'This view lists Just In Time credentials only' : undefined}
        sx={{ width: 110 }}
      />
      <SelectField
        label="Status"
        value={draft.status}
        options={statusOptions}
        onChange={(v) => edit('status', credentialStatuses.find((s) => s === v) ?? '')}
        sx={{ width: 120 }}
      />
      <SelectField
        label="Type"
        value={draft.type}
        options={typeOptions}
        onChange={(v) => edit('type', credentialTypes.find((t) => t === v) ?? '')}
        sx={{ width: 160 }}
      />
      {text('tags', 'Tags', 'tag1, tag2')}
    </FilterForm>
  );
}
