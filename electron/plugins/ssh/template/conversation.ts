/**
 * Runs prepared steps against an interactive shell: types exec/write input, waits for expect
 * patterns, decides no-expect once the command's output is complete. Every text it reports is
 * masked. The matching rules are in MATCHING.md.
 */
import type { CancelSignal, RunFailure, RunFailureKind, RunStep } from '../../plugin-runtime';
import type { Masker } from '../../tag-engine';
import { maskedTail } from './masked-tail';
import { OutputWindow, type WindowView } from './output-window';
import type { PreparedStep } from './prepared-steps';
import type { ShellChannel } from '../connection/shell-channel';

export interface ConversationOptions {
  readonly readTimeoutMs: number;
  readonly masker: Masker;
  readonly signal?: CancelSignal;
  readonly onStep?: (step: RunStep) => void;
  /**
   * no-expect decides when the prompt is back, or after this long without output (for shells
   * whose prompt ends in none of $ # % >), or at the read timeout, whichever comes first.
   */
  readonly quietMs?: number;
  /**
   * Who logged in. A template whose first wait is for a root prompt (`expect "*#"`, as the Linux
   * built-ins start) fails at once, naming this user, when the shell shows a `$` prompt instead:
   * not at the read timeout, nor later with "useradd: command not found".
   */
  readonly loginUser?: string;
}

export interface ConversationResult {
  readonly steps: RunStep[];
  readonly failure: RunFailure | null;
}

export const defaultQuietMs = 1000;
/** How much of a window a step's log keeps, and how much output a failure quotes. */
const stepOutputChars = 2000;
const failureTailChars = 1500;

type PatternStep = Extract<PreparedStep, { matcher: unknown }>;

type WaitOutcome = 'met' | 'timeout' | 'quiet' | 'closed' | 'canceled';

class StepFailed extends Error {
  constructor(
    readonly kind: RunFailureKind,
    readonly detail: string,
    readonly output = '',
  ) {
    super(detail);
  }
}

/** An `expect` for a root prompt: its pattern ends in `#` (`"*#"`, `"*# "`). */
const rootPromptExpect = (step: PatternStep): boolean =>
  step.kind === 'expect' && /#[\s*]*"$/.test(step.display);

/** A shell prompt of an account that is not root: the cursor line ends in `$`. */
const userPrompt = (view: WindowView): boolean => /\$\s*$/.test(view.cursorLine);

class Conversation {
  readonly #window = new OutputWindow();
  readonly #changed = new Set<() => void>();
  readonly #steps: RunStep[] = [];
  #readTimeoutMs: number;
  /** Nothing typed yet: an expect now waits for the login's first prompt. */
  #atLogin = true;

  constructor(
    private readonly channel: ShellChannel,
    private readonly options: ConversationOptions,
  ) {
    this.#readTimeoutMs = options.readTimeoutMs;
    channel.onData((text) => {
      this.#window.append(text);
      for (const listener of [...this.#changed]) listener();
    });
    channel.onClose(() => {
      for (const listener of [...this.#changed]) listener();
    });
  }

  get steps(): RunStep[] {
    return this.#steps;
  }

  /** Resolves once `condition` holds, or on timeout, quiet period, close or cancel. */
  #waitFor(condition: () => boolean, timeoutMs: number, quietMs?: number): Promise<WaitOutcome> {
    const { signal } = this.options;
    return new Promise((resolve) => {
      let quietTimer: NodeJS.Timeout | undefined;
      const finish = (outcome: WaitOutcome): void => {
        clearTimeout(deadline);
        clearTimeout(quietTimer);
        this.#changed.delete(onChange);
        signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const armQuiet = (): void => {
        if (quietMs === undefined) return;
        clearTimeout(quietTimer);
        quietTimer = setTimeout(() => finish('quiet'), quietMs);
      };
      const onChange = (): void => {
        if (condition()) finish('met');
        else if (this.channel.closed) finish('closed');
        else armQuiet();
      };
      const onAbort = (): void => finish('canceled');
      const deadline = setTimeout(() => finish('timeout'), timeoutMs);
      this.#changed.add(onChange);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) finish('canceled');
      else onChange();
    });
  }

  #sleep(ms: number): Promise<WaitOutcome> {
    return this.#waitFor(() => false, ms).then((outcome) => (outcome === 'canceled' ? outcome : 'met'));
  }

  #output(view: WindowView): string {
    return maskedTail(this.options.masker, view.text, stepOutputChars);
  }

  async #expect(step: PatternStep): Promise<string> {
    let matched: string | null = null;
    const { loginUser } = this.options;
    const checkRoot = this.#atLogin && loginUser !== undefined && rootPromptExpect(step);
    const outcome = await this.#waitFor(() => {
      const current = this.#window.view();
      matched = step.matcher.match(current);
      return matched !== null || (checkRoot && userPrompt(current));
    }, this.#readTimeoutMs);
    const view = this.#window.view();
    // A prompt pattern matches any shell prompt (MATCHING.md), so "*#" is met by "$" too: the
    // prompt itself tells a root shell from another account's.
    if (outcome === 'met' && checkRoot && userPrompt(view)) {
      throw new StepFailed(
        'target',
        `logged in as ${loginUser}, not root: use the sudo form or a root credential`,
        this.#output(view),
      );
    }
    if (outcome === 'met') return this.#output(view);
    if (outcome === 'canceled') throw new StepFailed('canceled', 'canceled');
    if (outcome === 'closed') {
      throw new StepFailed(
        'target',
        `the connection closed before ${step.display} matched`,
        this.#output(view),
      );
    }
    const seconds = this.#readTimeoutMs / 1000;
    // The prompt is back: the command answered, just not what the template expected.
    const finished = view.atPrompt ? ' (the command finished: the shell prompt is back)' : '';
    throw new StepFailed(
      view.atPrompt ? 'target' : 'timeout',
      `${step.display} did not match within ${seconds} s${finished}`,
      this.#output(view),
    );
  }

  async #noExpect(step: PatternStep): Promise<string> {
    const quietMs = Math.min(this.options.quietMs ?? defaultQuietMs, this.#readTimeoutMs);
    const outcome = await this.#waitFor(() => this.#window.view().atPrompt, this.#readTimeoutMs, quietMs);
    if (outcome === 'canceled') throw new StepFailed('canceled', 'canceled');
    const view = this.#window.noExpectView();
    const matched = step.matcher.match(view);
    if (matched !== null) {
      const line = this.options.masker.mask(matched.trim()).slice(0, 300);
      throw new StepFailed('target', `${step.display} matched the output: ${line}`, this.#output(view));
    }
    return this.#output(view);
  }

  async #run(step: PreparedStep): Promise<string> {
    switch (step.kind) {
      case 'set-connect-timeout':
      case 'set-ssh-version':
      case 'set-new-line-mode':
      case 'end':
        return '';
      case 'set-read-timeout':
        this.#readTimeoutMs = step.seconds * 1000;
        return '';
      case 'sleep':
        if ((await this.#sleep(step.seconds * 1000)) === 'canceled')
          throw new StepFailed('canceled', 'canceled');
        return '';
      case 'exec':
      case 'write':
        if (this.channel.closed)
          throw new StepFailed('target', `the connection is closed: cannot send ${step.display}`);
        this.#window.open(step.sent);
        this.#atLogin = false;
        this.channel.write(step.send);
        return '';
      case 'expect':
      case 'expect-regex':
        return this.#expect(step);
      case 'no-expect':
        return this.#noExpect(step);
    }
  }

  #record(step: PreparedStep, ok: boolean, output: string, started: number): void {
    const record: RunStep = {
      line: step.line,
      command: this.options.masker.mask(step.display),
      output,
      ok,
      durationMs: Date.now() - started,
    };
    this.#steps.push(record);
    this.options.onStep?.(record);
  }

  async run(steps: readonly PreparedStep[]): Promise<RunFailure | null> {
    for (const step of steps) {
      const started = Date.now();
      try {
        if (this.options.signal?.aborted) throw new StepFailed('canceled', 'canceled');
        const output = await this.#run(step);
        this.#record(step, true, output, started);
      } catch (error) {
        if (!(error instanceof StepFailed)) throw error;
        this.#record(step, false, error.output, started);
        return this.failure(error.kind, step.line, `Line ${step.line}: ${error.detail}`);
      }
      if (step.kind === 'end') break;
    }
    return null;
  }

  failure(kind: RunFailureKind, line: number | null, message: string): RunFailure {
    const { masker } = this.options;
    return {
      kind,
      line,
      message: masker.mask(message),
      outputTail: maskedTail(masker, this.#window.transcript(), failureTailChars),
    };
  }
}

/** Runs the steps on an open shell. Never throws for what the target does: see `failure`. */
export async function converse(
  channel: ShellChannel,
  steps: readonly PreparedStep[],
  options: ConversationOptions,
): Promise<ConversationResult> {
  const conversation = new Conversation(channel, options);
  const failure = await conversation.run(steps);
  return { steps: conversation.steps, failure };
}
