import TextField from '@mui/material/TextField';
import type { AuditFilter } from '../../../shared/domain/audit';
import { entityLabel } from '../common/field-labels';
import { DraftSelect, errorProps, FilterBar, filterGrid, useValidatedFilter } from '../common/FilterBar';
import type { SelectOption } from '../common/SelectField';
import { auditActions, auditEntities, emptyAuditFilter, humanize, toAuditFilter } from './audit-filter-draft';

const optionsOf = <C extends string>(codes: readonly C[], label: (code: C) => string): SelectOption[] => [
  { value: '', label: 'Any' },
  ...codes.map((c) => ({ value: c, label: label(c) })),
];
const entityOptions = optionsOf(auditEntities, entityLabel);
const actionOptions = optionsOf(auditActions, humanize);

/** Entity, Action, Actor, Text, From, To; applied with Filter (or Enter), reset with Clear. */
export function AuditFilterBar({ onApply }: { onApply: (filter: AuditFilter) => void }) {
  const bar = useValidatedFilter(emptyAuditFilter, {
    check: toAuditFilter,
    empty: emptyAuditFilter,
    onApply,
  });
  const { draft, errors, edit } = bar;

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
    <FilterBar label="Audit filter" onApply={bar.apply} onClear={bar.clear} sx={filterGrid}>
      <DraftSelect bar={bar} name="entity" label="Entity" options={entityOptions} />
      <DraftSelect bar={bar} name="action" label="Action" options={actionOptions} />
      {text('actor', 'Actor')}
      {text('text', 'Text')}
      {text('from', 'From', 'datetime-local')}
      {text('to', 'To', 'datetime-local')}
    </FilterBar>
  );
}
