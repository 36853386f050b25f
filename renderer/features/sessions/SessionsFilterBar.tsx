import TextField from '@mui/material/TextField';
import { sessionStates, type SessionFilter } from '../../../shared/domain/session';
import { DraftSelect, errorProps, FilterBar, filterGrid, useValidatedFilter } from '../common/FilterBar';
import type { SelectOption } from '../common/SelectField';
import { stateLabel } from './session-format';
import { emptySessionsFilter, liveChoice, toSessionsFilter } from './sessions-filter-draft';

const statusOptions: SelectOption[] = [
  { value: '', label: 'Any' },
  { value: liveChoice, label: 'Live (not over yet)' },
  ...sessionStates.map((s) => ({ value: s, label: stateLabel(s) })),
];

/** Status and Text (account, credential, requester); applied with Filter (or Enter), reset with Clear. */
export function SessionsFilterBar({ onApply }: { onApply: (filter: SessionFilter) => void }) {
  const bar = useValidatedFilter(emptySessionsFilter, {
    check: toSessionsFilter,
    empty: emptySessionsFilter,
    onApply,
  });
  return (
    <FilterBar label="Sessions filter" onApply={bar.apply} onClear={bar.clear} sx={filterGrid}>
      <DraftSelect bar={bar} name="state" label="Status" options={statusOptions} />
      <TextField
        label="Text"
        value={bar.draft.text}
        onChange={(e) => bar.edit('text', e.target.value)}
        {...errorProps(bar.errors.text)}
      />
    </FilterBar>
  );
}
