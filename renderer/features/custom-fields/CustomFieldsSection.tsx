import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { Theme } from '@mui/material/styles';
import { maxCustomFields, type CustomFieldKind } from '../../../shared/domain/custom-fields';
import { SelectField, type SelectOption } from '../common/SelectField';
import { newRow, secretHint, type CustomFieldErrors, type CustomFieldRow } from './custom-field-rows';

const kindOptions: SelectOption[] = [
  { value: 'text', label: 'Text' },
  { value: 'secret', label: 'Secret' },
];

/** As the authentication credential's warnings show (AuthCredentialField). */
const warningText = (t: Theme) => ({
  color: t.palette.mode === 'dark' ? t.palette.warning.light : t.palette.warning.dark,
});

interface CustomFieldsSectionProps {
  readonly rows: readonly CustomFieldRow[];
  readonly onChange: (rows: CustomFieldRow[]) => void;
  readonly errors: CustomFieldErrors;
  /** An error about the list as a whole (e.g. too many fields). */
  readonly listError?: string | undefined;
  readonly disabled: boolean;
}

/**
 * Custom fields: NAME = value pairs that fill a template's user-defined tags ([#NAME#]). A secret
 * value is typed, never shown back: like the password, an empty one keeps what is stored.
 */
export function CustomFieldsSection(props: CustomFieldsSectionProps) {
  const { rows, onChange, errors, disabled } = props;
  const update = (index: number, change: Partial<CustomFieldRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <Box component="section" aria-label="Custom fields" sx={{ display: 'grid', gap: 1 }}>
      <Typography variant="subtitle2">Custom fields</Typography>
      <Typography variant="body2" color="text.secondary">
        Values for templates&apos; own tags: a field NAME fills [#NAME#]. A field of a credential wins over
        one of its device. Secret values are kept in the vault and never shown.
      </Typography>
      {rows.map((row, index) => {
        const nameError = errors[`customFields.${index}.name`];
        const valueError = errors[`customFields.${index}.value`];
        const secret = row.kind === 'secret';
        const hint = secretHint(row);
        // An error replaces the hint, and must not take a warning's colour.
        const warned = valueError === undefined && hint?.warn === true;
        return (
          <Box
            key={row.key}
            role="group"
            aria-label={`Custom field ${index + 1}`}
            sx={{ display: 'grid', gap: 1, gridTemplateColumns: '1fr 8rem 1fr auto', alignItems: 'start' }}
          >
            <TextField
              label="Name"
              value={row.name}
              onChange={(e) => update(index, { name: e.target.value.toUpperCase() })}
              disabled={disabled}
              error={nameError !== undefined}
              helperText={nameError}
              slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' } }}
            />
            <SelectField
              label="Kind"
              value={row.kind}
              options={kindOptions}
              onChange={(v) => update(index, { kind: v as CustomFieldKind, value: '' })}
              disabled={disabled}
            />
            <TextField
              label="Value"
              type={secret ? 'password' : 'text'}
              value={row.value}
              onChange={(e) => update(index, { value: e.target.value })}
              disabled={disabled}
              error={valueError !== undefined}
              helperText={valueError ?? hint?.text}
              slotProps={{
                htmlInput: { spellCheck: false, autoComplete: secret ? 'new-password' : 'off' },
                formHelperText: warned ? { role: 'status', sx: warningText } : {},
              }}
            />
            <IconButton
              aria-label={`Remove custom field ${index + 1}`}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
              disabled={disabled}
              sx={{ mt: 1 }}
            >
              ×
            </IconButton>
          </Box>
        );
      })}
      {props.listError !== undefined && (
        <Typography variant="body2" color="error">
          {props.listError}
        </Typography>
      )}
      <Box>
        <Button
          variant="outlined"
          size="small"
          onClick={() => onChange([...rows, newRow()])}
          disabled={disabled || rows.length >= maxCustomFields}
        >
          Add custom field
        </Button>
      </Box>
    </Box>
  );
}
