import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { executionTypes } from '../../../shared/domain/template';
import { CheckboxField } from '../common/CheckboxField';
import { SelectField, type SelectOption } from '../common/SelectField';
import { isExecutionType, isPluginId, type TemplateDraft, type TemplateErrors } from './template-draft';

const executionTypeOptions: SelectOption[] = executionTypes.map((t) => ({ value: t, label: t }));

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
      <SelectField
        label="Plugin"
        required
        disabled={readOnly}
        value={draft.pluginId}
        options={options.map((p) => ({
          value: p.id,
          label: p.available ? p.name : `${p.name} (not available)`,
        }))}
        onChange={(value) => {
          if (isPluginId(value)) edit('pluginId', value);
        }}
        error={errors.pluginId !== undefined}
        helperText={errors.pluginId ?? ' '}
      />
      <SelectField
        label="Execution type"
        required
        disabled={readOnly}
        value={draft.executionType}
        options={executionTypeOptions}
        onChange={(value) => {
          if (isExecutionType(value)) edit('executionType', value);
        }}
        error={errors.executionType !== undefined}
        helperText={errors.executionType ?? ' '}
      />
      <CheckboxField
        label="Active"
        checked={draft.active}
        onChange={(active) => edit('active', active)}
        disabled={readOnly}
        error={errors.active}
        help="Inactive templates cannot be chosen for credentials"
      />
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
