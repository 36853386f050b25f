/**
 * The template editor's model: the fields as edited, validated with the shared
 * `templateInputSchema` on Save, with every error mapped to the field it belongs to.
 */
import { findTagProblems, type TagProblem } from '../../../shared/domain/template-tags';
import {
  copyName,
  executionTypes,
  templateInputSchema,
  type ExecutionType,
  type Template,
  type TemplateInput,
} from '../../../shared/domain/template';
import { pluginIds, type PluginId } from '../../../shared/domain/plugin';

export interface TemplateDraft {
  name: string;
  pluginId: PluginId;
  executionType: ExecutionType;
  active: boolean;
  description: string;
  content: string;
}

export type TemplateSlot = keyof TemplateDraft | 'form';
export type TemplateErrors = Partial<Record<TemplateSlot, string>>;

export const isPluginId = (v: string): v is PluginId => (pluginIds as readonly string[]).includes(v);
export const isExecutionType = (v: string): v is ExecutionType =>
  (executionTypes as readonly string[]).includes(v);

export function emptyDraft(): TemplateDraft {
  return { name: '', pluginId: 'ssh', executionType: 'New user', active: true, description: '', content: '' };
}

export function toDraft(t: Template): TemplateDraft {
  return {
    name: t.name,
    pluginId: t.pluginId,
    executionType: t.executionType,
    active: t.active,
    description: t.description,
    content: t.content,
  };
}

/**
 * What Clone opens: the editor's text under a new name ("Copy of X", free among the plugin's
 * templates), not saved until the user saves it.
 */
export function cloneDraft(
  source: TemplateDraft,
  sourceName: string,
  templates: readonly Pick<Template, 'name' | 'pluginId'>[],
): TemplateDraft {
  const taken = templates.filter((t) => t.pluginId === source.pluginId).map((t) => t.name);
  return { ...source, name: copyName(sourceName, taken) };
}

/** Whether two drafts hold the same values. */
export function sameDraft(a: TemplateDraft, b: TemplateDraft): boolean {
  return (Object.keys(a) as (keyof TemplateDraft)[]).every((k) => a[k] === b[k]);
}

/** Whether the editor holds changes to `t` that are not saved. */
export function isDirty(d: TemplateDraft, t: Template): boolean {
  return !sameDraft(d, toDraft(t));
}

const slots: readonly TemplateSlot[] = [
  'name',
  'pluginId',
  'executionType',
  'active',
  'description',
  'content',
];

/** A path inside the template (from the schema or the core) to its slot. */
export function slotFor(path: string | undefined): TemplateSlot {
  const head = path?.split('.')[0];
  return slots.find((s) => s === head) ?? 'form';
}

/** A tag problem as the editor words it, beside Content and in the live list. */
export const tagProblemText = (p: TagProblem): string => `Line ${p.line}, column ${p.column}: ${p.message}`;

export type DraftResult = { ok: true; template: TemplateInput } | { ok: false; errors: TemplateErrors };

export function fromDraft(d: TemplateDraft): DraftResult {
  const errors: TemplateErrors = {};
  const parsed = templateInputSchema.safeParse(d);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      errors[slotFor(issue.path.map(String).join('.'))] ??= issue.message;
  }
  // An unknown tag would fail at run time: it is an error here already.
  const tagProblem = findTagProblems(d.content)[0];
  if (tagProblem) errors.content ??= tagProblemText(tagProblem);
  return parsed.success && Object.keys(errors).length === 0
    ? { ok: true, template: parsed.data }
    : { ok: false, errors };
}
