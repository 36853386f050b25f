import TextField from '@mui/material/TextField';
import { operationStatuses, type OperationFilter } from '../../../shared/domain/operation';
import { pluginCatalogue } from '../../../shared/domain/plugin';
import { DraftSelect, errorProps, FilterBar, filterGrid, useValidatedFilter } from '../common/FilterBar';
import type { SelectOption } from '../common/SelectField';
import { kindOptions } from './operation-format';
import { emptyOperationsFilter, toOperationsFilter } from './operations-filter-draft';

const any: SelectOption = { value: '', label: 'Any' };
const statusOptions: SelectOption[] = [any, ...operationStatuses.map((s) => ({ value: s, label: s }))];
// Only plugins this build can run ever produce operations.
const pluginOptions: SelectOption[] = [
  any,
  ...pluginCatalogue.filter((p) => p.available).map((p) => ({ value: p.id, label: p.name })),
];
const kindSelectOptions: SelectOption[] = [any, ...kindOptions];

/** Status, Kind, Plugin, Text; applied with Filter (or Enter), reset with Clear. */
export function OperationsFilterBar({ onApply }: { onApply: (filter: OperationFilter) => void }) {
  const bar = useValidatedFilter(emptyOperationsFilter, {
    check: toOperationsFilter,
    empty: emptyOperationsFilter,
    onApply,
  });

  return (
    <FilterBar label="Operations filter" onApply={bar.apply} onClear={bar.clear} sx={filterGrid}>
      <DraftSelect bar={bar} name="status" label="Status" options={statusOptions} />
      <DraftSelect bar={bar} name="kind" label="Kind" options={kindSelectOptions} />
      <DraftSelect bar={bar} name="pluginId" label="Plugin" options={pluginOptions} />
      <TextField
        label="Text"
        value={bar.draft.text}
        onChange={(e) => bar.edit('text', e.target.value)}
        {...errorProps(bar.errors.text)}
      />
    </FilterBar>
  );
}
