import type { RunFailureKind, RunResult, RunStep } from '../plugin-runtime';
import type { Masker } from './mask';

/** How much of the last output a failure quotes. */
const TAIL_CHARS = 2000;

/**
 * Collects a run's steps and builds its result. Every text goes through the masker here, once, so
 * no plugin can forget to mask a step or a failure.
 */
export class RunRecorder {
  readonly steps: RunStep[] = [];
  private readonly began = performance.now();
  private lastOutput = '';

  constructor(
    private readonly masker: Masker,
    private readonly onStep?: (step: RunStep) => void,
  ) {}

  step(line: number, command: string, output: string, ok: boolean, durationMs: number): void {
    const step: RunStep = {
      line,
      command: this.masker.mask(command),
      output: this.masker.mask(output),
      ok,
      durationMs: Math.round(durationMs),
    };
    this.lastOutput = step.output;
    this.steps.push(step);
    try {
      this.onStep?.(step);
    } catch {
      // A broken live-log listener must not change the run's outcome.
    }
  }

  succeed(): RunResult {
    return { ok: true, steps: this.steps, failure: null, durationMs: this.elapsed() };
  }

  fail(kind: RunFailureKind, line: number | null, message: string, output?: string): RunResult {
    const tail = this.masker.mask(output ?? this.lastOutput).slice(-TAIL_CHARS);
    return {
      ok: false,
      steps: this.steps,
      failure: { kind, line, message: this.masker.mask(message), outputTail: tail },
      durationMs: this.elapsed(),
    };
  }

  private elapsed(): number {
    return Math.round(performance.now() - this.began);
  }
}

export const elapsedSince = (start: number): number => performance.now() - start;
