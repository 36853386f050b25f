import TextField from '@mui/material/TextField';
import type { AuditFilter } from '../../../shared/domain/audit';
import { FilterBar, filterGrid, useFilterDraft } from '../common/FilterBar';
import { SelectField, type SelectOption } from '../common/SelectField';
import {
  auditActions,
  auditEntities,
  emptyAuditFilter,
  humanize,
  toAuditFilter,
  type AuditFilterDraft,
  type AuditFilterErrors,
} from './audit-filter-draft';

const optionsOf = (codes: readonly string[]): SelectOption[] => [
  { value: '', label: 'Any' },
  ...codes.map((c) => ({ value: c, label: humanize(c) })),
];
const entityOptions = optionsOf(auditEntities);
const actionOptions = optionsOf(auditActions);

/** Entity, Action, Actor, Text, From, To; applied with Filter (or Enter), reset with Clear. */
export function AuditFilterBar({ onApply }: { onApply: (filter: AuditFilter) => void }) {
  const { draft, errors, setDraft, setErrors, edit } = useFilterDraft<AuditFilterDraft, AuditFilterErrors>(
    emptyAuditFilter,
  );

  const select = (key: 'entity' | 'action', label: string, options: readonly SelectOption[]) => (
    <SelectField
      label={label}
      value={draft[key]}
      options={options}
      onChange={(value) => edit(key, value)}
      error={errors[key] !== undefined}
      helperText={errors[key]}
    />
  );

  const text = (key: 'actor' | 'text' | 'from' | 'to', label: string, type = 'text') => (
    <TextField
      label={label}
      type={type}
      value={draft[key]}
      onChange={(e) => edit(key, e.target.value)}
      error={errors[key] !== undefined}
      helperText={errors[key]}
      slotProps={type === 'text' ? undefined : { inputLabel: { shrink: true } }}
    />
  );

  return (
    <FilterBar
      label="Audit filter"
      onApply={() => {
        const result = toAuditFilter(draft);
        if (result.ok) onApply(result.filter);
        else setErrors(result.errors);
      }}
      onClear={() => {
        setDraft(emptyAuditFilter);
        setErrors({});
        onApply({});
      }}
      sx={filterGrid}
    >
      {select('entity', 'Entity', entityOptions)}
      {select('action', 'Action', actionOptions)}
      {text('actor', 'Actor')}
      {text('text', 'Text')}
      {text('from', 'From', 'datetime-local')}
      {text('to', 'To', 'datetime-local')}
    </FilterBar>
  );
}
