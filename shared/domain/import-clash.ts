import { z } from 'zod';
import { deviceInputSchema } from './device';
import { cutUnits, nameKey } from './names';
import { findPlugin, type PluginId } from './plugin';
import { templateInputSchema } from './template';

/**
 * A bundle item whose name is already taken here: a device by its name, a template by its plugin
 * and name (names compare trimmed and case-blind, as the services' uniqueness rule does). Each
 * clash is resolved by the administrator before an import writes anything: Skip (the existing
 * record stays, and what in the bundle points at the item points at the existing record instead)
 * or Rename (the item is added under a free name).
 */
export const clashKindSchema = z.enum(['device', 'template']);
export type ClashKind = z.output<typeof clashKindSchema>;

export const clashActionSchema = z.enum(['skip', 'rename']);
export type ClashAction = z.output<typeof clashActionSchema>;

/** One choice, sent with the import: `path` is the item's place in the file (`devices[2]`). */
export const importChoiceSchema = z
  .object({
    path: z.string().max(64),
    action: clashActionSchema,
    /** The new name, for Rename (checked by the name rule of the item's form, and for being free). */
    name: z.string().max(1024).optional(),
  })
  .strict();
export type ImportChoice = z.output<typeof importChoiceSchema>;

/** `pluginId/key`: how a template's name is taken (its plugin and name), here, in a bundle or a preview. */
export const templateNameKey = (pluginId: string, name: string): string => `${pluginId}/${nameKey(name)}`;

/** The name keys of one plugin's templates among `templateNameKey` entries. */
export function templateNamesOf(taken: Iterable<string>, pluginId: string): Set<string> {
  const prefix = `${pluginId}/`;
  const names = new Set<string>();
  for (const key of taken) if (key.startsWith(prefix)) names.add(key.slice(prefix.length));
  return names;
}

const maxName = 128;

/**
 * The first free name for `name`: "name (2)", "name (3)", … cut to fit the 128 characters the
 * forms allow (never inside a surrogate pair: half an emoji would be stored as a lone surrogate,
 * which the name rule lets through), whose key is in none of `taken` (lower-cased, trimmed keys).
 */
export function freeName(name: string, taken: ReadonlySet<string>): string {
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${cutUnits(name.trim(), maxName - suffix.length)}${suffix}`;
    if (!taken.has(nameKey(candidate))) return candidate;
  }
}

const nameRule = {
  device: deviceInputSchema.shape.name,
  template: templateInputSchema.shape.name,
} as const;

/**
 * Why `name` cannot be the new name of a renamed item, or undefined: the rule of the item's own
 * form first (Device name, Template name), then whether the name is free (`taken`: keys of the
 * names in use here and by the other items this import adds, same plugin for a template).
 */
export function renameProblem(kind: ClashKind, name: string, taken: ReadonlySet<string>): string | undefined {
  const parsed = nameRule[kind].safeParse(name);
  if (!parsed.success) {
    const label = kind === 'device' ? 'Device name' : 'Template name';
    const message = parsed.error.issues[0]?.message ?? 'Not a valid name';
    return message.startsWith(label) ? message : `${label}: ${message}`;
  }
  if (taken.has(nameKey(parsed.data))) {
    return kind === 'device'
      ? `A device named "${parsed.data}" already exists or is imported too`
      : `A template of this plugin named "${parsed.data}" already exists or is imported too`;
  }
  return undefined;
}

/**
 * How a clashing item is named in the dialog and in the core's problems: `device "web-01"`,
 * `PostgreSQL template "Change password"` (one wording for both; each adds its own capital or "The").
 */
export function clashSubject(clash: {
  kind: ClashKind;
  name: string;
  pluginId?: PluginId | undefined;
}): string {
  if (clash.kind === 'device') return `device "${clash.name}"`;
  const plugin = clash.pluginId === undefined ? '' : `${findPlugin(clash.pluginId)?.name ?? clash.pluginId} `;
  return `${plugin}template "${clash.name}"`;
}

/** `Device "web-01"`, `PostgreSQL template "Change password"`: a clash's title, and its line in the outcome. */
export const clashTitle = (clash: Parameters<typeof clashSubject>[0]): string =>
  clashSubject(clash).replace(/^./, (c) => c.toUpperCase());
