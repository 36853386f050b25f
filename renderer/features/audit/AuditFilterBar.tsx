import TextField from '@mui/material/TextField';
import type { AuditFilter } from '../../../shared/domain/audit';
import { errorProps, FilterBar, filterGrid, useValidatedFilter } from '../common/FilterBar';
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
  const { draft, errors, edit, apply, clear } = useValidatedFilter<
    AuditFilterDraft,
    AuditFilterErrors,
    AuditFilter
  >(emptyAuditFilter, { check: toAuditFilter, empty: emptyAuditFilter, onApply });

  const select = (key: 'entity' | 'action', label: string, options: readonly SelectOption[]) => (
    <SelectField
      label={label}
      value={draft[key]}
      options={options}
      onChange={(value) => edit(key, value)}
      {...errorProps(errors[key])}
    />
  );

  const text = (key: 'actor' | 'text' | 'from' | 'to', label: string, type = 'text') => (
    <TextField
      label={label}
      type={type}
      value={draft[key]}
      onChange={(e) => edit(key, e.target.value)}
      {...errorProps(errors[key])}
      slotProps={type === 'text' ? undefined : { inputLabel: { shrink: true } }}
    />
  );

  return (
    <FilterBar label="Audit filter" onApply={apply} onClear={clear} sx={filterGrid}>
      {select('entity', 'Entity', entityOptions)}
      {select('action', 'Action', actionOptions)}
      {text('actor', 'Actor')}
      {text('text', 'Text')}
      {text('from', 'From', 'datetime-local')}
      {text('to', 'To', 'datetime-local')}
    </FilterBar>
  );
}
