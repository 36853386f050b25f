import { z } from 'zod';
import { deviceInputSchema } from './device';
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

/** Names compare as the services compare them (electron/services/names.ts). */
export const nameKey = (name: string): string => name.trim().toLowerCase();

const maxName = 128;

/**
 * The first free name for `name`: "name (2)", "name (3)", … cut to fit the 128 characters the
 * forms allow (never inside a surrogate pair: half an emoji would be stored as a lone surrogate,
 * which the name rule lets through), whose key is in none of `taken` (lower-cased, trimmed keys).
 */
export function freeName(name: string, taken: ReadonlySet<string>): string {
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${cutAt(name.trim(), maxName - suffix.length)}${suffix}`;
    if (!taken.has(nameKey(candidate))) return candidate;
  }
}

/** The first `max` UTF-16 units of `text`, less half of a surrogate pair the cut would split. */
function cutAt(text: string, max: number): string {
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
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
