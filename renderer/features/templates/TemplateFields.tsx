import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import TextField from '@mui/material/TextField';
import { useId } from 'react';
import { executionTypes } from '../../../shared/domain/template';
import { isExecutionType, isPluginId, type TemplateDraft, type TemplateErrors } from './template-draft';

export interface PluginOption {
  id: string;
  name: string;
  available: boolean;
}

export interface TemplateFieldsProps {
  draft: TemplateDraft;
  errors: TemplateErrors;
  readOnly: boolean;
  plugins: readonly PluginOption[];
  edit: <K extends keyof TemplateDraft>(key: K, value: TemplateDraft[K]) => void;
}

/** Everything about a template but its content. */
export function TemplateFields({ draft, errors, readOnly, plugins, edit }: TemplateFieldsProps) {
  const activeHelpId = useId();
  // Only available plugins can be picked; a template of another one (e.g. imported) keeps showing it.
  const options = plugins.filter((p) => p.available || p.id === draft.pluginId);
  return (
    <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))' }}>
      <TextField
        label="Name"
        required
        value={draft.name}
        onChange={(e) => edit('name', e.target.value)}
        error={errors.name !== undefined}
        helperText={errors.name ?? ' '}
        slotProps={{ htmlInput: { readOnly, spellCheck: false, autoComplete: 'off' } }}
      />
      <TextField
        select
        label="Plugin"
        required
        disabled={readOnly}
        value={draft.pluginId}
        onChange={(e) => {
          if (isPluginId(e.target.value)) edit('pluginId', e.target.value);
        }}
        error={errors.pluginId !== undefined}
        helperText={errors.pluginId ?? ' '}
        slotProps={{ select: { native: true } }}
      >
        {options.map((p) => (
          <option key={p.id} value={p.id}>
            {p.available ? p.name : `${p.name} (not available)`}
          </option>
        ))}
      </TextField>
      <TextField
        select
        label="Execution type"
        required
        disabled={readOnly}
        value={draft.executionType}
        onChange={(e) => {
          if (isExecutionType(e.target.value)) edit('executionType', e.target.value);
        }}
        error={errors.executionType !== undefined}
        helperText={errors.executionType ?? ' '}
        slotProps={{ select: { native: true } }}
      >
        {executionTypes.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </TextField>
      <FormControl error={errors.active !== undefined}>
        <FormControlLabel
          label="Active"
          disabled={readOnly}
          control={
            <Checkbox
              checked={draft.active}
              onChange={(e) => edit('active', e.target.checked)}
              slotProps={{ input: { 'aria-describedby': activeHelpId } }}
            />
          }
        />
        <FormHelperText id={activeHelpId} sx={{ mt: 0 }}>
          {errors.active ?? 'Inactive templates cannot be chosen for credentials'}
        </FormHelperText>
      </FormControl>
      <TextField
        label="Description"
        value={draft.description}
        onChange={(e) => edit('description', e.target.value)}
        error={errors.description !== undefined}
        helperText={errors.description ?? ' '}
        multiline
        minRows={1}
        maxRows={3}
        sx={{ gridColumn: '1 / -1' }}
        slotProps={{ htmlInput: { readOnly } }}
      />
    </Box>
  );
}
