import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { AuditFilter } from '../../../shared/domain/audit';
import {
  auditActions,
  auditEntities,
  emptyAuditFilter,
  humanize,
  toAuditFilter,
  type AuditFilterDraft,
  type AuditFilterErrors,
} from './audit-filter-draft';

/** Entity, Action, Actor, Text, From, To; applied with Filter (or Enter), reset with Clear. */
export function AuditFilterBar({ onApply }: { onApply: (filter: AuditFilter) => void }) {
  const [draft, setDraft] = useState<AuditFilterDraft>(emptyAuditFilter);
  const [errors, setErrors] = useState<AuditFilterErrors>({});

  const edit = (key: keyof AuditFilterDraft, value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors(({ [key]: _cleared, ...rest }) => rest);
  };

  const select = (key: 'entity' | 'action', label: string, options: readonly string[]) => (
    <TextField
      select
      label={label}
      value={draft[key]}
      onChange={(e) => edit(key, e.target.value)}
      error={errors[key] !== undefined}
      helperText={errors[key]}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
    >
      <option value="">Any</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {humanize(o)}
        </option>
      ))}
    </TextField>
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
    <Box
      component="form"
      noValidate
      aria-label="Audit filter"
      onSubmit={(e) => {
        e.preventDefault();
        const result = toAuditFilter(draft);
        if (result.ok) onApply(result.filter);
        else setErrors(result.errors);
      }}
      sx={{
        display: 'grid',
        gap: 1.5,
        alignItems: 'start',
        gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))',
      }}
    >
      {select('entity', 'Entity', auditEntities)}
      {select('action', 'Action', auditActions)}
      {text('actor', 'Actor')}
      {text('text', 'Text')}
      {text('from', 'From', 'datetime-local')}
      {text('to', 'To', 'datetime-local')}
      <Box sx={{ display: 'flex', gap: 1, pt: 0.25 }}>
        <Button type="submit" variant="contained">
          Filter
        </Button>
        <Button
          onClick={() => {
            setDraft(emptyAuditFilter);
            setErrors({});
            onApply({});
          }}
        >
          Clear
        </Button>
      </Box>
    </Box>
  );
}
