/**
 * `npm run template -- check PATH...`: parses every template file under the paths with its
 * plugin's own check, so that a template library (the vendor's, or one's own repository) can be
 * checked in one go, e.g. in its CI. Nothing is connected to and no tag needs a value.
 */
import { readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, relative } from 'node:path';
import type { PluginId } from '../../shared/domain/plugin';
import { maxTemplateBytes, placeholderWarnings } from '../../shared/domain/template';
import {
  foldersOf,
  isLibraryNoise,
  pluginFromFolders as pluginNamedBy,
} from '../../shared/domain/template-library';
import type { PluginRuntime, TemplateProblem } from '../plugins/plugin-runtime';
import { UsageError } from '../platform/usage-error';

/** The plugin the nearest enclosing folder names, or null when none does. */
export const pluginFromFolders = (file: string): PluginId | null => pluginNamedBy(foldersOf(file));

/**
 * Text from a library (file names, a reason quoting a template line) as the terminal prints it:
 * control characters (ESC, CR, a line break, C1) shown as \xNN, so a hostile file name cannot move
 * the cursor, retitle the window or print a fake "0 refused" line.
 */
export function printable(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- control characters are what this removes.
    /[\u0000-\u001f\u007f-\u009f]/g,
    (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/**
 * The template files under the paths, in a stable order; a path that is a file is taken as is.
 * Symbolic links are followed (a library may link a shared template in), each folder walked once
 * by its real path, so a link loop ends.
 */
export function templateFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const walked = new Set<string>();
  const walk = (dir: string): void => {
    const real = realpathSync(dir);
    if (walked.has(real)) return;
    walked.add(real);
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (isLibraryNoise(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path);
      else if (entry.isSymbolicLink()) {
        // A dangling link is listed: the check then says it cannot be read, rather than skip it.
        const target = statOrNull(path);
        if (target?.isDirectory() === true) walk(path);
        else files.push(path);
      }
    }
  };
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new UsageError(`No such file or folder: ${printable(path)}`);
    }
    if (isDirectory) walk(path);
    else files.push(path);
  }
  // A mistyped folder must not pass a CI check with "0 accepted, 0 refused".
  if (files.length === 0) throw new UsageError(`No template file under ${printable(paths.join(', '))}`);
  return files;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

export interface CheckOutcome {
  /** One line per refused file: `path:line:column: reason`. */
  readonly refusals: string[];
  /** One line per warning of an accepted file: `path:line:column: warning: reason`. */
  readonly warnings: string[];
  readonly accepted: number;
  /** Accepted files that have warnings (lines read as senhasegura reads them, for instance). */
  readonly acceptedWithWarnings: number;
  readonly refused: number;
}

/**
 * Checks each file with its plugin's check. `plugin`: the --plugin option, which wins over the
 * folder names. `display` turns a path into what the report prints (relative to the working folder).
 */
export function checkTemplateFiles(
  files: readonly string[],
  plugin: PluginId | undefined,
  runtimeOf: (id: PluginId) => PluginRuntime | undefined,
  display: (path: string) => string = (path) => relative(process.cwd(), path) || path,
): CheckOutcome {
  const refusals: string[] = [];
  const warnings: string[] = [];
  let accepted = 0;
  let acceptedWithWarnings = 0;
  for (const file of files) {
    const result = checkOne(file, plugin ?? pluginFromFolders(file), runtimeOf);
    if (typeof result === 'string') {
      refusals.push(printable(`${display(file)}:${result}`));
      continue;
    }
    accepted++;
    if (result.length > 0) acceptedWithWarnings++;
    for (const w of result) {
      warnings.push(printable(`${display(file)}:${w.line}:${w.column}: warning: ${firstLine(w.message)}`));
    }
  }
  return { refusals, warnings, accepted, acceptedWithWarnings, refused: refusals.length };
}

const firstLine = (message: string): string => message.split('\n')[0] ?? '';

/**
 * `line:column: reason` of the file's first error (with how many others), or, when the file is
 * accepted, its warnings.
 */
function checkOne(
  file: string,
  plugin: PluginId | null,
  runtimeOf: (id: PluginId) => PluginRuntime | undefined,
): string | TemplateProblem[] {
  if (plugin === null) {
    return `1:1: no plugin: put the file under a folder named SSH, PostgreSQL, MySQL or LDAP, or pass --plugin`;
  }
  const runtime = runtimeOf(plugin);
  if (runtime === undefined) return `1:1: the ${plugin} plugin is not available in this build`;
  // Read only what a template may be: a FIFO or a device would block or never end, a huge file
  // would fill memory before being refused.
  const stat = statOrNull(file);
  if (stat === null) return '1:1: cannot be read';
  if (!stat.isFile()) return '1:1: not a regular file';
  if (stat.size > maxTemplateBytes)
    return `1:1: larger than ${maxTemplateBytes / 1024} KiB, more than a template may be`;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch (error) {
    const reason = error instanceof TypeError ? 'not UTF-8 text' : 'cannot be read';
    return `1:1: ${reason}`;
  }
  // As the app takes it: a file that does nothing (the vendor's library has three empty ones) is
  // a placeholder, imported inactive; a run of it is refused.
  const placeholder: TemplateProblem[] = placeholderWarnings(plugin, text);
  if (text.trim() === '') return placeholder;
  const found = [...placeholder, ...runtime.check(text)];
  const [first, ...others] = found.filter((p) => p.severity !== 'warning');
  if (first === undefined) return found;
  const more = others.length === 0 ? '' : ` (and ${others.length} more)`;
  return `${first.line}:${first.column}: ${firstLine(first.message)}${more}`;
}

/** Exit status of `check`: 0 when every file is accepted, 1 when any is refused. */
export const checkExitCode = (outcome: CheckOutcome): number => (outcome.refused === 0 ? 0 : 1);

/** The summary line. */
export const checkSummary = (outcome: CheckOutcome): string =>
  `${outcome.accepted} accepted, ${outcome.refused} refused` +
  (outcome.acceptedWithWarnings > 0 ? ` (${outcome.acceptedWithWarnings} accepted with warnings)` : '');
