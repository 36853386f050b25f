import TextField from '@mui/material/TextField';
import { operationStatuses, type OperationFilter } from '../../../shared/domain/operation';
import { pluginCatalogue } from '../../../shared/domain/plugin';
import { errorProps, FilterBar, filterGrid, useValidatedFilter } from '../common/FilterBar';
import { SelectField, type SelectOption } from '../common/SelectField';
import { kindOptions } from './operation-format';
import {
  emptyOperationsFilter,
  toOperationsFilter,
  type OperationsFilterDraft,
  type OperationsFilterErrors,
} from './operations-filter-draft';

const any: SelectOption = { value: '', label: 'Any' };
const statusOptions: SelectOption[] = [any, ...operationStatuses.map((s) => ({ value: s, label: s }))];
// Only plugins this build can run ever produce operations.
const pluginOptions: SelectOption[] = [
  any,
  ...pluginCatalogue.filter((p) => p.available).map((p) => ({ value: p.id, label: p.name })),
];
const kindSelectOptions: SelectOption[] = [any, ...kindOptions];

type SelectKey = 'status' | 'kind' | 'pluginId';

/** Status, Kind, Plugin, Text; applied with Filter (or Enter), reset with Clear. */
export function OperationsFilterBar({ onApply }: { onApply: (filter: OperationFilter) => void }) {
  const { draft, errors, edit, apply, clear } = useValidatedFilter<
    OperationsFilterDraft,
    OperationsFilterErrors,
    OperationFilter
  >(emptyOperationsFilter, { check: toOperationsFilter, empty: emptyOperationsFilter, onApply });

  // Native selects, as in the audit filter: fast, and their accessible name is the label.
  const select = (key: SelectKey, label: string, options: readonly SelectOption[]) => (
    <SelectField
      label={label}
      value={draft[key]}
      options={options}
      onChange={(value) => edit(key, value)}
      {...errorProps(errors[key])}
    />
  );

  return (
    <FilterBar label="Operations filter" onApply={apply} onClear={clear} sx={filterGrid}>
      {select('status', 'Status', statusOptions)}
      {select('kind', 'Kind', kindSelectOptions)}
      {select('pluginId', 'Plugin', pluginOptions)}
      <TextField
        label="Text"
        value={draft.text}
        onChange={(e) => edit('text', e.target.value)}
        {...errorProps(errors.text)}
      />
    </FilterBar>
  );
}
