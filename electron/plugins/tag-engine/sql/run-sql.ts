import type { RunRequest, RunResult, RunTimeouts } from '../../plugin-runtime';
import { withDerivedTags } from '../derived-tags';
import { failureKind, messageOf, oneLine } from '../failures';
import { guarded, resolveTimeouts } from '../interrupt';
import { Masker, runSecrets } from '../mask';
import { Refusal } from '../refusal';
import { elapsedSince, RunRecorder } from '../run-recorder';
import type { SqlTemplate, SqlValueRules, StringPlacement } from './sql-template';
import { withoutSecretEcho } from './statement-echo';

/** One open connection of a SQL plugin, as the runner sees it. */
export interface SqlSession {
  /**
   * The escaping rules for a statement about to run, from the session's state as it is now (a
   * template may change it). May ask the server, so it is guarded like a statement.
   */
  rulesFor(placements: readonly StringPlacement[]): Promise<SqlValueRules>;
  /** Runs one statement; resolves to its output for the step log, rejects with the server's error. */
  execute(text: string): Promise<string>;
  /** Closes the socket now (cancel, timeout): the server then stops the statement. */
  destroy(): void;
  /**
   * Done with the run: `reusable` (the run succeeded) lets the plugin keep the connection for the
   * account checks that follow; otherwise it is closed. Never throws.
   */
  release(reusable: boolean): Promise<void>;
}

export interface SqlDriver {
  /** Rules for checking values before connecting: the usual state of a fresh session. */
  readonly assumedRules: SqlValueRules;
  /** Escaped spellings of a secret, so they are masked too. */
  readonly secretForms: (secret: string) => string[];
  template(text: string): SqlTemplate;
  /** Connects and logs in; rejects with ConnectFailed or Interrupted. */
  open(request: RunRequest, timeouts: RunTimeouts): Promise<SqlSession>;
  /** The server's error as one masked-later line (message and code). */
  describeError(error: unknown): string;
}

/**
 * Runs a SQL template: every value is checked before connecting (a refusal sends nothing), then
 * the statements run in order on one connection, and the first error stops the run.
 */
export async function runSqlTemplate(driver: SqlDriver, given: RunRequest): Promise<RunResult> {
  const derived = await withDerivedTags(given.template, given.tags);
  const request: RunRequest = { ...given, tags: derived.tags };
  const masker = new Masker(runSecrets(request.tags, request.login)).withForms(driver.secretForms);
  const recorder = new RunRecorder(masker, request.onStep);
  if (derived.refusal !== null)
    return recorder.fail('refused', derived.refusal.line, derived.refusal.message);
  const template = driver.template(request.template);
  try {
    template.validate(request.tags, driver.assumedRules);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return recorder.fail('refused', error.line, error.message);
  }
  if (request.signal?.aborted === true) return recorder.fail('canceled', null, 'Canceled before connecting');

  const timeouts = resolveTimeouts(request.timeouts);
  let session: SqlSession;
  try {
    session = await driver.open(request, timeouts);
  } catch (error) {
    return recorder.fail(failureKind(error), null, messageOf(error));
  }
  let succeeded = false;
  const guard = <T>(work: Promise<T>, what: string): Promise<T> =>
    guarded(work, {
      signal: request.signal,
      timeoutSeconds: timeouts.readSeconds,
      what,
      onInterrupt: () => session.destroy(),
    });

  try {
    for (const statement of template.statements) {
      const line = template.lineOf(statement);
      const display = template.render(statement, request.tags, driver.assumedRules, true);
      const began = performance.now();
      let sent = display;
      try {
        const rules = await guard(
          session.rulesFor(template.stringPlacements(statement, request.tags)),
          `checking the session before line ${line}`,
        );
        sent = template.render(statement, request.tags, rules);
        const output = await guard(session.execute(sent), `running line ${line}`);
        recorder.step(line, display, output, true, elapsedSince(began));
      } catch (error) {
        const kind = failureKind(error);
        const message =
          kind === 'target'
            ? withoutSecretEcho(driver.describeError(error), sent, display)
            : messageOf(error);
        if (kind !== 'refused') recorder.step(line, display, message, false, elapsedSince(began));
        return recorder.fail(kind, line, `Line ${line}: ${oneLine(display)}: ${message}`, message);
      }
    }
    succeeded = true;
    return recorder.succeed();
  } finally {
    await session.release(succeeded);
  }
}
