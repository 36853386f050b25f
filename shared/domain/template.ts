import { z } from 'zod';
import { idSchema, isoDateSchema, plainText, requiredText, storedText } from './common';
import { cutUnits } from './names';
import { textProblem } from './text-rules';
import { pluginIdSchema } from './plugin';

export const executionTypes = [
  'Credential enable',
  'Credential disable',
  'New user',
  'User delete',
  'Password change',
] as const;
export const executionTypeSchema = z.enum(executionTypes);
export type ExecutionType = z.infer<typeof executionTypeSchema>;

export const maxTemplateBytes = 64 * 1024;

/** What the template editor saves. Every save of an existing template makes a new version. */
export const templateInputSchema = z.object({
  name: requiredText(128, 'Template name'),
  pluginId: pluginIdSchema,
  executionType: executionTypeSchema,
  active: z.boolean().default(true),
  description: plainText(1000, 'Description', { multiline: true }).default(''),
  content: z
    .string()
    .max(maxTemplateBytes, 'At most 64 KiB')
    .superRefine((c, ctx) => {
      // Tabs and line breaks only: a bidi override would show a reviewer other commands than run.
      const problem = textProblem(c, 'The template', { multiline: true });
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    }),
});
export type TemplateInput = z.input<typeof templateInputSchema>;

export const emptyTemplateMessage =
  'The template is empty (or comments only): an active template needs its commands (an inactive one may stay empty, as a placeholder)';

/** The check's warning for an empty text (the editor, `template -- check`, Import templates). */
export const emptyTemplateWarning =
  'The template is empty (or comments only): it does nothing, so it is saved only inactive, and a run of it is refused';

/**
 * Whether a template's text does nothing: blank, or only comments (SSH, LDAP: `#` lines; SQL:
 * `--` lines), or for SSH no line that sends anything (`exec`, `write`).
 */
export function isPlaceholderText(pluginId: string, content: string): boolean {
  const lines = content.split(/\r?\n/).map((line) => line.trim());
  if (pluginId === 'ssh') return !lines.some((line) => /^(?:exec|write)\b/.test(line));
  const comment = pluginId === 'postgresql' || pluginId === 'mysql' ? '--' : '#';
  return lines.every((line) => line === '' || line.startsWith(comment));
}

/**
 * The check's finding for a text that does nothing (as a template problem: line 1, a warning), or
 * none: the editor, `template -- check` and Import templates say it the same way.
 */
export function placeholderWarnings(
  pluginId: string,
  content: string,
): { line: number; column: number; message: string; severity: 'warning' }[] {
  return isPlaceholderText(pluginId, content)
    ? [{ line: 1, column: 1, message: emptyTemplateWarning, severity: 'warning' }]
    : [];
}

/**
 * An empty text does nothing on a device, and a password change that did nothing would still be
 * recorded as done: only an inactive template (a placeholder, as the vendor's library has three)
 * may be saved empty, and a run of one is refused (template-executor.ts).
 */
export function refuseEmptyActive(
  template: { active: boolean; content: string; pluginId: string },
  ctx: z.RefinementCtx,
): void {
  if (template.active && isPlaceholderText(template.pluginId, template.content))
    ctx.addIssue({ code: 'custom', path: ['content'], message: emptyTemplateMessage });
}

/** What a save (the editor, an import) accepts: the fields' rules, and no active empty template. */
export const templateSaveSchema = templateInputSchema.superRefine(refuseEmptyActive);

/**
 * What Test on a device runs when the editor holds changes not saved (or a template never saved):
 * the fields that decide the run, checked by the same rules as Save, so a test never runs a text
 * that Save would refuse.
 */
export const templateDraftSchema = templateInputSchema.pick({
  name: true,
  pluginId: true,
  executionType: true,
  content: true,
});
export type TemplateDraftInput = z.input<typeof templateDraftSchema>;

export const templateVersionSchema = z.object({
  version: z.number().int().positive(),
  name: z.string(),
  content: z.string(),
  description: z.string(),
  savedAt: isoDateSchema,
  savedBy: z.string(),
});
export type TemplateVersion = z.infer<typeof templateVersionSchema>;

/** A stored template: its texts by the rules older builds saved with, so that none is set aside. */
export const templateSchema = templateInputSchema.extend({
  name: storedText(128),
  description: z.string().max(1000, 'At most 1000 characters').default(''),
  content: z
    .string()
    .max(maxTemplateBytes, 'At most 64 KiB')
    .refine((c) => !c.includes('\u0000'), 'NUL characters are not allowed'),
  id: idSchema,
  version: z.number().int().positive(),
  /** Built-in originals are read-only: Clone to edit. */
  builtIn: z.boolean(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Template = z.infer<typeof templateSchema>;

const maxTemplateName = 128;

/**
 * The name a clone of `source` gets: "Copy of X", then "Copy of X (2)" and so on, the first that no
 * template of the same plugin has (names compare trimmed and case-blind, as the core's rule does).
 */
export function copyName(source: string, taken: readonly string[]): string {
  const key = (name: string) => name.trim().toLowerCase();
  const used = new Set(taken.map(key));
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    // Never between the halves of a character outside the BMP: half of one is no text.
    const candidate = cutUnits(`Copy of ${source}`, maxTemplateName - suffix.length) + suffix;
    if (!used.has(key(candidate))) return candidate;
  }
}
