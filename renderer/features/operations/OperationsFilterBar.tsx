import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { operationStatuses, type OperationFilter } from '../../../shared/domain/operation';
import { pluginCatalogue } from '../../../shared/domain/plugin';
import { kindOptions } from './operation-format';
import {
  emptyOperationsFilter,
  toOperationsFilter,
  type OperationsFilterDraft,
  type OperationsFilterErrors,
} from './operations-filter-draft';

interface Option {
  value: string;
  label: string;
}

const statusOptions: Option[] = operationStatuses.map((s) => ({ value: s, label: s }));
// Only plugins this build can run ever produce operations.
const pluginOptions: Option[] = pluginCatalogue
  .filter((p) => p.available)
  .map((p) => ({ value: p.id, label: p.name }));

type SelectKey = 'status' | 'kind' | 'pluginId';

/** Status, Kind, Plugin, Text; applied with Filter (or Enter), reset with Clear. */
export function OperationsFilterBar({ onApply }: { onApply: (filter: OperationFilter) => void }) {
  const [draft, setDraft] = useState<OperationsFilterDraft>(emptyOperationsFilter);
  const [errors, setErrors] = useState<OperationsFilterErrors>({});

  const edit = (key: keyof OperationsFilterDraft, value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors(({ [key]: _cleared, ...rest }) => rest);
  };

  // Native selects, as in the audit filter: fast, and their accessible name is the label.
  const select = (key: SelectKey, label: string, options: readonly Option[]) => (
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
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );

  return (
    <Box
      component="form"
      noValidate
      aria-label="Operations filter"
      onSubmit={(e) => {
        e.preventDefault();
        const result = toOperationsFilter(draft);
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
      {select('status', 'Status', statusOptions)}
      {select('kind', 'Kind', kindOptions)}
      {select('pluginId', 'Plugin', pluginOptions)}
      <TextField
        label="Text"
        value={draft.text}
        onChange={(e) => edit('text', e.target.value)}
        error={errors.text !== undefined}
        helperText={errors.text}
      />
      <Box sx={{ display: 'flex', gap: 1, pt: 0.25 }}>
        <Button type="submit" variant="contained">
          Filter
        </Button>
        <Button
          onClick={() => {
            setDraft(emptyOperationsFilter);
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
