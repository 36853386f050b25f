/**
 * Import templates: the files of a template library folder, each checked by its plugin as `npm run
 * template -- check` does, and the accepted ones saved as new templates (version 1). The plugin and
 * the execution type come from the folder names (template-library.ts); a name already taken gets
 * " (imported)" and then a number, so nothing existing is ever replaced.
 */
import { findPlugin } from '../../shared/domain/plugin';
import {
  executionTypeFromFolders,
  fileNameOf,
  foldersOf,
  pluginFromFolders,
  typeFolderNames,
} from '../../shared/domain/template-library';
import { isPlaceholderText, templateSaveSchema, type ExecutionType } from '../../shared/domain/template';
import { textProblem } from '../../shared/domain/text-rules';
import { cutUnits, nameKey } from './names';
import { ServiceError } from './service-error';
import { problemMessage, templateErrors } from './template-checks';
import type { TemplateService } from './template-service';

export interface LibraryFile {
  /** The path inside the chosen folder, folder names included (`SSH/Change password/Alcatel`). */
  readonly path: string;
  readonly content: string;
}

export type LibraryFileOutcome =
  | {
      readonly path: string;
      readonly imported: true;
      readonly id: number;
      readonly name: string;
      readonly warnings: number;
      readonly inactive: boolean;
    }
  | { readonly path: string; readonly imported: false; readonly reason: string };

const maxNameLength = 128;

export class TemplateLibraryImport {
  /** One import at a time: two at once could both choose the same free name. */
  #last: Promise<unknown> = Promise.resolve();

  constructor(private readonly templates: TemplateService) {}

  /**
   * `otherType`: the execution type of files under no vendor type folder; without it they are
   * refused with the reason. One file's refusal never stops the others.
   */
  async importFiles(
    files: readonly LibraryFile[],
    otherType: ExecutionType | undefined,
    actor: string,
  ): Promise<LibraryFileOutcome[]> {
    const run = this.#last.then(async () => {
      const outcomes: LibraryFileOutcome[] = [];
      for (const file of files) outcomes.push(await this.#importOne(file, otherType, actor));
      return outcomes;
    });
    this.#last = run.catch(() => undefined);
    return run;
  }

  async #importOne(
    file: LibraryFile,
    otherType: ExecutionType | undefined,
    actor: string,
  ): Promise<LibraryFileOutcome> {
    const refused = (reason: string): LibraryFileOutcome => ({ path: file.path, imported: false, reason });
    // The path becomes the description and the audit entry, and its last part the name: a line
    // break in a folder name would add a forged-looking line to both, a bidi control would show
    // another path than the one read. Said here, by its character, not later as "Description…".
    const pathProblem = textProblem(file.path, 'its path');
    if (pathProblem !== undefined) return refused(pathProblem);
    const folders = foldersOf(file.path);
    const pluginId = pluginFromFolders(folders);
    if (pluginId === null || findPlugin(pluginId) === undefined) {
      return refused('no plugin: put the file under a folder named SSH, PostgreSQL, MySQL or LDAP');
    }
    const executionType = executionTypeFromFolders(folders) ?? otherType;
    if (executionType === undefined) {
      return refused(
        `no execution type: put the file under a folder named ${typeFolderNames.join(', ')}, or choose a type for the others`,
      );
    }
    const found = this.templates.check(pluginId, file.content);
    const errors = templateErrors(found);
    if (errors.length > 0) return refused(problemMessage(errors));
    // An empty file (the vendor's library has three) comes in as an inactive placeholder.
    const empty = isPlaceholderText(pluginId, file.content);
    const input = templateSaveSchema.safeParse({
      name: this.#freeName(fileNameOf(file.path).trim(), pluginId),
      pluginId,
      executionType,
      active: !empty,
      description:
        `Imported from ${file.path}${empty ? ' (empty: inactive until it has commands)' : ''}`.slice(0, 1000),
      content: file.content,
    });
    if (!input.success) {
      const issue = input.error.issues[0];
      const field = issue?.path[0] === 'name' ? 'its name' : issue?.path[0] === 'content' ? 'its text' : 'it';
      return refused(`${field}: ${issue?.message ?? 'not valid'}`);
    }
    try {
      const saved = await this.templates.save(undefined, input.data, actor, { importedFrom: file.path });
      return {
        path: file.path,
        imported: true,
        id: saved.id,
        name: saved.name,
        warnings: found.length - errors.length,
        inactive: !saved.active,
      };
    } catch (error) {
      if (error instanceof ServiceError) return refused(error.message);
      throw error;
    }
  }

  /** The file's name, or with " (imported)", " (imported 2)", … when a template of the plugin has it. */
  #freeName(base: string, pluginId: string): string {
    const taken = new Set(
      this.templates
        .list()
        .filter((t) => t.pluginId === pluginId)
        .map((t) => nameKey(t.name)),
    );
    for (let n = 0; ; n++) {
      const suffix = n === 0 ? '' : n === 1 ? ' (imported)' : ` (imported ${n})`;
      const candidate = cutUnits(base, maxNameLength - suffix.length) + suffix;
      if (!taken.has(nameKey(candidate))) return candidate;
    }
  }
}
