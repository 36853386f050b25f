import type { ConnectionLogin, RunStep, TagValues } from '../plugins/plugin-runtime';
import { Masker, runSecrets } from '../plugins/tag-engine';

/**
 * The last check before a run's texts are stored (operations.jsonl) or shown: the plugin masked
 * them already, this masks every secret of the run again with its common transforms, and
 * refuses to store an output that still holds one in a form masking cannot replace (cut by a
 * line wrap, escaped differently): the output is replaced by a notice.
 */
export class StorageGuard {
  readonly #masker: Masker;

  constructor(tags: TagValues, login: ConnectionLogin) {
    this.#masker = new Masker(runSecrets(tags, login));
  }

  text(text: string): string {
    return this.#masker.guard(text);
  }

  step(step: RunStep): RunStep {
    return { ...step, command: this.text(step.command), output: this.text(step.output) };
  }
}
