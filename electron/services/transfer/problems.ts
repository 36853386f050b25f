import type { z } from 'zod';
import type { transferProblemSchema } from '../../../shared/contract/transfer';

export type TransferProblem = z.output<typeof transferProblemSchema>;

/**
 * A broken file can have a problem on every line; past this many the list stops being read and
 * only makes the answer heavy, so the rest are counted in one final entry.
 */
export const maxProblems = 200;

/** Sections in file order: problems are listed as a reader meets them in the file. */
const sectionOrder = [
  '',
  'format',
  'version',
  'exportedAt',
  'devices',
  'templates',
  'builtInTemplates',
  'credentials',
  'secrets',
];

/**
 * Every problem an import check finds, with its place in the file. Checks run by kind (each item's
 * schema, then refs, names, rules), so problems are sorted by section and item index when listed;
 * those of one item keep the order they were found in.
 */
export class ProblemList {
  readonly #all: { problem: TransferProblem; rank: number; index: number; seq: number }[] = [];

  get size(): number {
    return this.#all.length;
  }

  add(path: string, message: string): void {
    const match = /^([A-Za-z]*)(?:\[(\d+)\])?/.exec(path);
    const section = sectionOrder.indexOf(match?.[1] ?? '');
    this.#all.push({
      problem: { path, message },
      rank: section === -1 ? sectionOrder.length : section,
      index: Number(match?.[2] ?? -1),
      seq: this.#all.length,
    });
  }

  /** One problem per zod issue, each at its path below `prefix` (e.g. `devices[3]`). */
  addZod(prefix: string, error: z.ZodError): void {
    for (const issue of error.issues) this.add(joinPath(prefix, issue.path), issue.message);
  }

  /** The problems to report: at most `maxProblems`, then "and N more problems". */
  list(): TransferProblem[] {
    const sorted = [...this.#all].sort((a, b) => a.rank - b.rank || a.index - b.index || a.seq - b.seq);
    const shown = sorted.slice(0, maxProblems).map((p) => p.problem);
    const hidden = sorted.length - shown.length;
    if (hidden === 0) return shown;
    return [...shown, { path: '', message: `and ${hidden} more problem${hidden === 1 ? '' : 's'}` }];
  }
}

/** `devices[3]` + ['connectivity', 0, 'port'] → `devices[3].connectivity[0].port`. */
export function joinPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

export const itemPath = (section: string, index: number): string => `${section}[${index}]`;
