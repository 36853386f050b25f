import type { PluginId } from '../../../shared/domain/plugin';
import { nameKey } from '../../../shared/domain/names';
import {
  clashSubject,
  freeName,
  renameProblem,
  templateNameKey,
  templateNamesOf,
  type ClashKind,
  type ImportChoice,
} from '../../../shared/domain/import-clash';
import type { ParsedBundle } from './parse';
import type { ProblemList } from './problems';

/** A bundle item whose name is taken here (shared/domain/import-clash.ts). */
export interface Clash {
  readonly kind: ClashKind;
  readonly path: string;
  readonly name: string;
  readonly pluginId?: PluginId;
  /** The existing record of that name: what Skip points the bundle's references at. */
  readonly existingId: number;
  readonly proposed: string;
}

/** What an import does with one clashing item. */
export type Resolution =
  | { readonly action: 'skip'; readonly existingId: number }
  | { readonly action: 'rename'; readonly name: string };

/** By the item's path (`devices[2]`). */
export type Resolutions = ReadonlyMap<string, Resolution>;

export interface ExistingNames {
  readonly devices: Iterable<{ readonly id: number; readonly name: string }>;
  readonly templates: Iterable<{ readonly id: number; readonly name: string; readonly pluginId: PluginId }>;
}

export interface ClashPlan {
  readonly clashes: readonly Clash[];
  /** Keys of every device name in use here or in the bundle: a new name must be none of them. */
  readonly takenDevices: ReadonlySet<string>;
  /** `pluginId/key` of every template name in use here or in the bundle. */
  readonly takenTemplates: ReadonlySet<string>;
}

/**
 * Every bundle device whose name a device here has, and every bundle template whose plugin and name
 * a template here has (the services' uniqueness rules), each with a proposed free name. The
 * proposals are free of each other too, so "Rename all" is always valid as proposed. Items that
 * failed their own schema are not clashes (they are problems already); two bundle items with one
 * name stay a problem of the file, not a clash.
 */
export function findClashes(bundle: ParsedBundle, existing: ExistingNames): ClashPlan {
  const deviceIds = new Map<string, number>();
  for (const d of existing.devices) deviceIds.set(nameKey(d.name), d.id);
  const templateIds = new Map<string, number>();
  for (const t of existing.templates) templateIds.set(templateNameKey(t.pluginId, t.name), t.id);

  const takenDevices = new Set(deviceIds.keys());
  for (const item of bundle.devices) if (item.value) takenDevices.add(nameKey(item.value.name));
  const takenTemplates = new Set(templateIds.keys());
  for (const item of bundle.templates) {
    if (item.value) takenTemplates.add(templateNameKey(item.value.pluginId, item.value.name));
  }

  const clashes: Clash[] = [];
  const proposedDevices = new Set(takenDevices);
  for (const item of bundle.devices) {
    if (!item.value) continue;
    const { name } = item.value;
    const existingId = deviceIds.get(nameKey(name));
    if (existingId === undefined) continue;
    const proposed = freeName(name, proposedDevices);
    proposedDevices.add(nameKey(proposed));
    clashes.push({ kind: 'device', path: item.path, name, existingId, proposed });
  }
  const proposedTemplates = new Map<string, Set<string>>();
  for (const item of bundle.templates) {
    if (!item.value) continue;
    const { name, pluginId } = item.value;
    const existingId = templateIds.get(templateNameKey(pluginId, name));
    if (existingId === undefined) continue;
    const taken = proposedTemplates.get(pluginId) ?? templateNamesOf(takenTemplates, pluginId);
    proposedTemplates.set(pluginId, taken);
    const proposed = freeName(name, taken);
    taken.add(nameKey(proposed));
    clashes.push({ kind: 'template', path: item.path, name, pluginId, existingId, proposed });
  }
  return { clashes, takenDevices, takenTemplates };
}

/** Rename every clash to its proposal: what a preview checks the rest of the bundle with. */
export function proposedResolutions(plan: ClashPlan): Resolutions {
  return new Map(plan.clashes.map((c) => [c.path, { action: 'rename', name: c.proposed }]));
}

/**
 * The administrator's choices, checked against the clashes of this very bundle and data: each
 * clash needs exactly one choice; a choice names a clash; a new name passes the name rule of the
 * item's form and is free (here, in the bundle, and among the other new names). Each problem is
 * added at the item's `name`, so it shows where the file's own problems do.
 */
export function resolveChoices(
  plan: ClashPlan,
  choices: readonly ImportChoice[],
  problems: ProblemList,
): Resolutions {
  const byPath = new Map(plan.clashes.map((c) => [c.path, c]));
  const chosen = new Map<string, ImportChoice>();
  for (const choice of choices) {
    if (!byPath.has(choice.path)) {
      problems.add(choice.path, 'A choice for an item whose name is not taken: preview the bundle again');
    } else if (chosen.has(choice.path)) {
      problems.add(choice.path, 'Two choices for one item');
    } else chosen.set(choice.path, choice);
  }

  const resolutions = new Map<string, Resolution>();
  const newDevices = new Set(plan.takenDevices);
  const newTemplates = new Set(plan.takenTemplates);
  for (const clash of plan.clashes) {
    const choice = chosen.get(clash.path);
    if (choice === undefined) {
      problems.add(
        `${clash.path}.name`,
        `The ${clashSubject(clash)} already exists here: choose Skip or Rename`,
      );
      // Reported once: the rest of the bundle is checked as the preview checked it.
      resolutions.set(clash.path, { action: 'rename', name: clash.proposed });
      continue;
    }
    if (choice.action === 'skip') {
      resolutions.set(clash.path, { action: 'skip', existingId: clash.existingId });
      continue;
    }
    const name = (choice.name ?? '').trim();
    const taken = clash.kind === 'device' ? newDevices : templateNamesOf(newTemplates, clash.pluginId ?? '');
    const problem = renameProblem(clash.kind, name, taken);
    if (problem !== undefined) {
      problems.add(`${clash.path}.name`, `Rename the ${clashSubject(clash)}: ${problem}`);
      resolutions.set(clash.path, { action: 'rename', name: clash.proposed });
      continue;
    }
    if (clash.kind === 'device') newDevices.add(nameKey(name));
    else newTemplates.add(templateNameKey(clash.pluginId ?? '', name));
    resolutions.set(clash.path, { action: 'rename', name });
  }
  return resolutions;
}
