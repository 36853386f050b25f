import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { CredentialJit } from '../../../../shared/domain/credential';
import { pluginIdSchema, type PluginId } from '../../../../shared/domain/plugin';
import { choosePlugin, templatesFor } from '../../../../shared/domain/rules/credential-rules';
import { FilteredPicker } from '../../common/FilteredPicker';
import type { SelectOption } from '../../common/SelectField';
import type { ErrorSlot } from './credential-draft';
import type { TabProps } from './draft-editing';
import type { CredentialLookups } from './use-credential-lookups';

export type Direction = 'enable' | 'disable' | 'create' | 'delete';

/** The visible words of each direction, as the vendor's form names its drop-downs. */
const directionWords: Record<Direction, string> = {
  enable: 'enable',
  disable: 'disable',
  create: 'creation',
  delete: 'deletion',
};

interface JitDirectionSectionProps extends Pick<TabProps, 'draft' | 'errors' | 'editJit'> {
  title: string;
  directions: readonly [Direction, Direction];
  enabled: boolean;
  lookups: CredentialLookups;
  /** What the section says under its title (e.g. the generated account of Creation and deletion). */
  children?: ReactNode;
}

/**
 * One JIT type's section: a plugin and a template drop-down for each of its two directions. The
 * section is greyed out (every control disabled) unless JIT is enabled with this type; its
 * choices are kept, so switching the type back restores them.
 */
export function JitDirectionSection({
  title,
  directions,
  enabled,
  draft,
  errors,
  editJit,
  lookups,
  children,
}: JitDirectionSectionProps) {
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label={title}
      aria-disabled={!enabled}
      sx={{ p: 2, flex: 1, minWidth: 260, opacity: enabled ? 1 : 0.6 }}
    >
      <Typography variant="h3" sx={{ mb: 2, color: enabled ? 'text.primary' : 'text.disabled' }}>
        {title}
      </Typography>
      {children}
      <Box sx={{ display: 'grid', gap: 2 }}>
        {directions.map((direction) => (
          <DirectionFields
            key={direction}
            direction={direction}
            enabled={enabled}
            jit={draft.jit}
            errors={errors}
            editJit={editJit}
            lookups={lookups}
          />
        ))}
      </Box>
    </Paper>
  );
}

interface DirectionFieldsProps extends Pick<TabProps, 'errors' | 'editJit'> {
  direction: Direction;
  enabled: boolean;
  jit: CredentialJit;
  lookups: CredentialLookups;
}

function DirectionFields({ direction, enabled, jit, errors, editJit, lookups }: DirectionFieldsProps) {
  const pluginKey = `${direction}PluginId` as const;
  const templateKey = `${direction}TemplateId` as const;
  const pluginSlot = `jit.${pluginKey}` as const;
  const templateSlot = `jit.${templateKey}` as const;
  const pluginId = jit[pluginKey];
  const templateId = jit[templateKey];
  const word = directionWords[direction];

  const offered = templatesFor(lookups.templates, direction, pluginId);
  const current = templateId === null ? undefined : lookups.templates.find((t) => t.id === templateId);

  const pluginOptions: SelectOption[] = lookups.plugins
    .filter((p) => p.available)
    .map((p) => ({ value: p.id, label: p.name }));
  // A stored choice that is no longer offered stays visible (and the rules say why it is wrong)
  // instead of the picker silently showing something else.
  if (pluginId !== null && !pluginOptions.some((o) => o.value === pluginId)) {
    pluginOptions.push({ value: pluginId, label: `${pluginId} (not available)` });
  }
  const templateOptions: SelectOption[] = offered.map((t) => ({ value: String(t.id), label: t.name }));
  if (templateId !== null && !offered.some((t) => t.id === templateId)) {
    templateOptions.push({
      value: String(templateId),
      label: `${current?.name ?? `Template ${templateId}`} (not offered)`,
    });
  }
  const templatePlaceholder =
    pluginId === null
      ? 'Choose a plugin first'
      : offered.length === 0
        ? 'No matching template'
        : 'Choose a template';

  const changePlugin = (value: string) => {
    const parsed = pluginIdSchema.safeParse(value);
    const next: PluginId | null = parsed.success ? parsed.data : null;
    // The shared rule: the template follows the plugin, and the first direction fills the second.
    const patch = choosePlugin(jit, direction, next, lookups.templates);
    const slots = Object.keys(patch).map((key) => `jit.${key}` as ErrorSlot);
    editJit(patch, slots);
  };

  return (
    <>
      <FilteredPicker
        label={`Credential ${word} plugin`}
        required={enabled}
        value={pluginId ?? ''}
        options={pluginOptions}
        onChange={changePlugin}
        placeholder="Choose a plugin"
        what="plugins"
        disabled={!enabled}
        error={enabled && errors[pluginSlot] !== undefined}
        helperText={enabled ? errors[pluginSlot] : undefined}
      />
      <FilteredPicker
        label={`Credential ${word} template`}
        required={enabled}
        value={templateId === null ? '' : String(templateId)}
        options={templateOptions}
        placeholder={templatePlaceholder}
        what="templates"
        onChange={(v) => editJit({ [templateKey]: v === '' ? null : Number(v) }, [templateSlot])}
        disabled={!enabled}
        error={enabled && errors[templateSlot] !== undefined}
        helperText={enabled ? errors[templateSlot] : undefined}
      />
    </>
  );
}
