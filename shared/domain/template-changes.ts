/**
 * What a template save changed, for its audit entry, by the template editor's labels. The content
 * is summarised (versions and lines added and removed), never copied into the log: the version
 * history keeps every text.
 */
import type { z } from 'zod';
import type { AuditFieldChange } from './audit';
import { fieldChanges, labelsOf, type AuditedField } from './audit-changes';
import { lineDiff } from './line-diff';
import type { templateInputSchema } from './template';
import { findPlugin } from './plugin';

type TemplateRecord = z.output<typeof templateInputSchema> & { readonly version: number };

/** "version 3 → 4, +5/−2 lines". */
function contentSummary(before: TemplateRecord, after: TemplateRecord): string | undefined {
  if (before.content === after.content) return undefined;
  let added = 0;
  let removed = 0;
  for (const line of lineDiff(before.content, after.content)) {
    if (line.kind === 'added') added++;
    else if (line.kind === 'removed') removed++;
  }
  return `version ${before.version} → ${after.version}, +${added}/−${removed} lines`;
}

export const templateFields: readonly AuditedField<TemplateRecord>[] = [
  { path: 'name', label: 'Name', read: (t) => t.name },
  // By the name the form's picker shows ("PostgreSQL"), its id when this build does not know it.
  { path: 'pluginId', label: 'Plugin', read: (t) => findPlugin(t.pluginId)?.name ?? t.pluginId },
  { path: 'executionType', label: 'Execution type', read: (t) => t.executionType },
  { path: 'active', label: 'Active', read: (t) => t.active },
  { path: 'description', label: 'Description', read: (t) => t.description },
  { path: 'content', label: 'Content', summarise: contentSummary },
];

/** Each template field as the template editor labels it (for the audit screens). */
export const templateFieldLabels = labelsOf(templateFields);

export const templateChanges = (before: TemplateRecord, after: TemplateRecord): AuditFieldChange[] =>
  fieldChanges(templateFields, before, after);
