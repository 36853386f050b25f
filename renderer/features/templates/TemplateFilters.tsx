import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { executionTypes } from '../../../shared/domain/template';
import type { PluginOption } from './TemplateFields';

export interface TemplateFilter {
  /** '' is "all". */
  pluginId: string;
  executionType: string;
}

export interface TemplateFiltersProps {
  filter: TemplateFilter;
  plugins: readonly PluginOption[];
  onChange: (filter: TemplateFilter) => void;
}

/**
 * Narrow the list by plugin and execution type. Labelled "Filter by ..." so they are never confused
 * with the editor's own Plugin and Execution type fields.
 */
export function TemplateFilters({ filter, plugins, onChange }: TemplateFiltersProps) {
  return (
    <Stack direction="row" spacing={1.5} role="search" aria-label="Template filters">
      <TextField
        select
        label="Filter by plugin"
        value={filter.pluginId}
        onChange={(e) => onChange({ ...filter, pluginId: e.target.value })}
        sx={{ minWidth: 200 }}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      >
        <option value="">All plugins</option>
        {plugins.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </TextField>
      <TextField
        select
        label="Filter by execution type"
        value={filter.executionType}
        onChange={(e) => onChange({ ...filter, executionType: e.target.value })}
        sx={{ minWidth: 220 }}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      >
        <option value="">All execution types</option>
        {executionTypes.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </TextField>
    </Stack>
  );
}
