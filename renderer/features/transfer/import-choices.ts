import type { MethodOutput } from '../../../shared/contract';
import type { ImportChoice } from '../../../shared/domain/import-clash';
import { renameProblem, templateNameKey, templateNamesOf } from '../../../shared/domain/import-clash';
import { nameKey } from '../../../shared/domain/names';

export type Preview = Extract<MethodOutput<'transfer.preview'>, { previewed: true }>;
export type Clash = Preview['clashes'][number];

/** What the dialog holds per clash: no choice yet, Skip, or Rename with the name being typed. */
export interface ClashChoice {
  readonly action: 'skip' | 'rename' | undefined;
  readonly name: string;
}

export type Choices = Readonly<Record<string, ClashChoice>>;

/** No choice made yet; Rename's field starts at the proposed free name. */
export const initialChoices = (preview: Preview): Choices =>
  Object.fromEntries(preview.clashes.map((c) => [c.path, { action: undefined, name: c.proposed }]));

/** "Apply to all": every clash gets `action`, keeping each name typed so far. */
export const chooseAll = (choices: Choices, action: 'skip' | 'rename'): Choices =>
  Object.fromEntries(Object.entries(choices).map(([path, c]) => [path, { ...c, action }]));

/**
 * What is wrong with each choice, by path, checked live by the rules the core applies
 * (shared/domain/import-clash.ts): a choice must be made, and a new name must pass its form's rule
 * and be free here, in the bundle and among the other new names.
 */
export function choiceProblems(preview: Preview, choices: Choices): Map<string, string> {
  const problems = new Map<string, string>();
  const devices = new Set(preview.takenDevices);
  const templates = new Set(preview.takenTemplates);
  for (const clash of preview.clashes) {
    const choice = choices[clash.path];
    if (choice?.action === undefined) {
      problems.set(clash.path, 'Choose Skip or Rename');
      continue;
    }
    if (choice.action === 'skip') continue;
    const pluginId = clash.pluginId ?? '';
    const taken = clash.kind === 'device' ? devices : templateNamesOf(templates, pluginId);
    const problem = renameProblem(clash.kind, choice.name, taken);
    if (problem !== undefined) problems.set(clash.path, problem);
    else if (clash.kind === 'device') devices.add(nameKey(choice.name));
    else templates.add(templateNameKey(pluginId, choice.name));
  }
  return problems;
}

/** The choices as the core takes them. */
export const choicesToSend = (preview: Preview, choices: Choices): ImportChoice[] =>
  preview.clashes.map((c) => {
    const choice = choices[c.path];
    return choice?.action === 'rename'
      ? { path: c.path, action: 'rename', name: choice.name.trim() }
      : { path: c.path, action: 'skip' };
  });
