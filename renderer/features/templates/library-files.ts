import {
  isLibraryNoise,
  maxLibraryFilesPerCall,
  maxLibraryPathLength,
} from '../../../shared/domain/template-library';
import { maxTemplateBytes } from '../../../shared/domain/template';

export interface LibraryFile {
  readonly path: string;
  readonly content: string;
}

export interface ReadLibrary {
  /** Files to send to the core, in path order. */
  readonly files: LibraryFile[];
  /** Files refused here, before the core sees them (too large, not UTF-8 text). */
  readonly refused: { readonly path: string; readonly reason: string }[];
  /** Hidden files, Markdown and licences: not templates. */
  readonly skipped: number;
}

/** What the renderer needs of a chosen file: `File` has it, a test can fake it. */
export interface ChosenFile {
  readonly webkitRelativePath: string;
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const hidden = (path: string): boolean => path.split('/').some((part) => part.startsWith('.'));

/**
 * The files of a folder chosen with the folder picker, read as the core will check them: the path
 * inside the folder (its folder names say the plugin and type), the text as strict UTF-8.
 */
export async function readLibrary(chosen: readonly ChosenFile[]): Promise<ReadLibrary> {
  const files: LibraryFile[] = [];
  const refused: { path: string; reason: string }[] = [];
  let skipped = 0;
  const sorted = [...chosen].sort((a, b) => pathOf(a).localeCompare(pathOf(b)));
  for (const file of sorted) {
    const path = pathOf(file);
    if (isLibraryNoise(file.name) || hidden(path)) {
      skipped++;
      continue;
    }
    // Refused here, one file: the call would refuse the whole import for it.
    if (path.length > maxLibraryPathLength) {
      refused.push({ path, reason: `its path is longer than ${maxLibraryPathLength} characters` });
      continue;
    }
    if (file.size > maxTemplateBytes) {
      refused.push({
        path,
        reason: `larger than ${maxTemplateBytes / 1024} KiB, more than a template may be`,
      });
      continue;
    }
    try {
      files.push({
        path,
        content: new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer()),
      });
    } catch {
      refused.push({ path, reason: 'not UTF-8 text' });
    }
  }
  return { files, refused, skipped };
}

const pathOf = (file: ChosenFile): string => file.webkitRelativePath || file.name;

/** The files in calls of at most maxLibraryFilesPerCall each: a bigger library is imported all the same. */
export function libraryBatches(files: readonly LibraryFile[]): LibraryFile[][] {
  const batches: LibraryFile[][] = [];
  for (let at = 0; at < files.length; at += maxLibraryFilesPerCall) {
    batches.push(files.slice(at, at + maxLibraryFilesPerCall));
  }
  return batches;
}
