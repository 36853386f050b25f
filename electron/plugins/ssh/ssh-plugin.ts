/**
 * The SSH plugin: expect-style conversations with an interactive shell over ssh2 with a PTY,
 * plus account checks and ending sessions on exec channels. See template/MATCHING.md for the rules.
 */
import type {
  AccountLoginRequest,
  AccountRequest,
  CancelSignal,
  ConnectionLogin,
  PluginRuntime,
  RunFailure,
  RunRequest,
  RunResult,
  RunStep,
  RunTimeouts,
  TargetEndpoint,
  TemplateProblem,
} from '../plugin-runtime';
import {
  accountEnabledCommand,
  accountExistsCommand,
  asRoot,
  checkAccountName,
  commentOf,
  endSessionsCommand,
  parseEnabledState,
  parseEndedCount,
} from './account-commands';
import { managedMarker } from '../builtin-template';
import { checkSshTemplate, describeProblems } from './template/check';
import { converse, type ConversationResult } from './template/conversation';
import { parseTemplate } from './template/parser';
import {
  connectSsh,
  SshConnectError,
  type HostKeyCheck,
  type SshConnection,
} from './connection/ssh-connection';
import { execCommand, type ExecResult } from './connection/ssh-exec';
import { openShell } from './connection/ssh-shell';
import { substitute } from './template/substitute';
import {
  ConnectionLinger,
  lingerKey,
  Masker,
  probeAccountLogin,
  runSecrets,
  withAccountConnection,
  withDerivedTags,
} from '../tag-engine';

export interface SshPluginOptions {
  /** Host key verification; without it any host key is accepted (known hosts belong to devices). */
  readonly hostKeyCheck?: HostKeyCheck;
  readonly defaultTimeouts?: Partial<RunTimeouts>;
  /** no-expect's quiet period, see conversation.ts. */
  readonly quietMs?: number;
  /** How long the connection a run or check leaves is kept for the next check (default 5 s). */
  readonly keptConnectionMs?: number;
}

/** The product's SSH defaults (as the vendor's executor: set-read-timeout defaults to 5 seconds). */
export const defaultTimeouts: RunTimeouts = { connectSeconds: 10, readSeconds: 5 };

const positiveOr = (value: number | undefined, fallback: number): number =>
  value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;

const failed = (started: number, failure: RunFailure, steps: RunStep[] = []): RunResult => ({
  ok: false,
  steps,
  failure,
  durationMs: Date.now() - started,
});

export class SshPlugin implements PluginRuntime {
  readonly id = 'ssh' as const;
  /** useradd's limit (32, as the built-in templates' USERNAME pattern); names are case-sensitive. */
  readonly accountNames = { maxLength: 32, caseInsensitive: false };
  readonly #timeouts: RunTimeouts;
  /**
   * The connection a run or a check just used, kept a few seconds for the checks that follow (a
   * cleanup's endSessions and accountExists): each SSH login costs a key exchange and the
   * target's PAM stack, about a third of a second on loopback, three of them per cleanup.
   */
  readonly #linger: ConnectionLinger<SshConnection>;

  constructor(private readonly options: SshPluginOptions = {}) {
    this.#timeouts = { ...defaultTimeouts, ...options.defaultTimeouts };
    this.#linger = new ConnectionLinger(options.keptConnectionMs);
  }

  check(template: string): TemplateProblem[] {
    return checkSshTemplate(template);
  }

  async run(given: RunRequest): Promise<RunResult> {
    const started = Date.now();
    // The hash tags ([#NEW_PASSWORD_SSHA#]...) as the other plugins compute them: an SSH template
    // may hand one to a tool on the target (ldapmodify, a database client) instead of the password.
    const derived = await withDerivedTags(given.template, given.tags);
    const request: RunRequest = { ...given, tags: derived.tags };
    const timeouts = {
      connectSeconds: positiveOr(request.timeouts?.connectSeconds, this.#timeouts.connectSeconds),
      readSeconds: positiveOr(request.timeouts?.readSeconds, this.#timeouts.readSeconds),
    };
    // Until substitution knows the quoted forms, mask the raw secrets at least.
    const baseSecrets = runSecrets(request.tags, request.login);
    let masker = new Masker(baseSecrets);
    const refused = (line: number | null, message: string): RunResult =>
      failed(started, { kind: 'refused', line, message: masker.mask(message), outputTail: '' });

    if (derived.refusal !== null) return refused(derived.refusal.line, derived.refusal.message);
    const problems = checkSshTemplate(request.template).filter((p) => p.severity !== 'warning');
    const [problem] = problems;
    if (problem !== undefined) return refused(problem.line, describeProblems(problems));
    const parsed = parseTemplate(request.template);
    const prepared = substitute(parsed.commands, request.tags);
    if (!prepared.ok) {
      const { line, column, message } = prepared.refusal;
      return refused(
        line,
        line === null ? message : `Line ${line}${column === null ? '' : `, column ${column}`}: ${message}`,
      );
    }
    masker = new Masker([...baseSecrets, ...prepared.secrets]);

    let connection: SshConnection;
    const since = this.#linger.generation;
    try {
      connection = await this.#connect(
        request.target,
        request.login,
        (parsed.connectTimeoutSeconds ?? timeouts.connectSeconds) * 1000,
        request.signal,
      );
    } catch (error) {
      if (!(error instanceof SshConnectError)) throw error;
      const kind = error.canceled ? 'canceled' : 'connect';
      return failed(started, { kind, line: null, message: masker.mask(error.message), outputTail: '' });
    }
    let result: ConversationResult;
    let keep = false;
    try {
      const shell = await openShell(connection).catch((error: unknown) => {
        throw new SshConnectError(
          `could not open a shell: ${error instanceof Error ? error.message : 'refused'}`,
        );
      });
      result = await converse(shell, prepared.steps, {
        readTimeoutMs: timeouts.readSeconds * 1000,
        masker,
        signal: request.signal,
        onStep: request.onStep,
        quietMs: this.options.quietMs,
        loginUser: request.login.username,
      });
      await shell.close(result.failure?.kind !== 'canceled');
      // Only after a run that went as planned: a failed or timed-out one may have left the
      // connection half-way through something (a channel that never closed).
      keep = result.failure === null;
    } catch (error) {
      if (!(error instanceof SshConnectError)) throw error;
      return failed(started, {
        kind: 'connect',
        line: null,
        message: masker.mask(error.message),
        outputTail: '',
      });
    } finally {
      if (keep) await this.#linger.park(lingerKey(request.target, request.login), connection, false, since);
      else await connection.close();
    }
    return {
      ok: result.failure === null,
      steps: result.steps,
      failure: result.failure,
      durationMs: Date.now() - started,
    };
  }

  /** `getent passwd <user>` on an exec channel as the login (the name is validated first). */
  async accountExists(request: AccountRequest): Promise<boolean> {
    // async: a refused name is a rejected promise, like every other failure.
    checkAccountName(request.username);
    return await this.#exec(
      request,
      'checking the account',
      accountExistsCommand(request.username),
      (result) => {
        if (result.code === 0) return true;
        if (result.code === 2) return false;
        throw new Error(
          `getent passwd exited ${result.code ?? 'without a status'}: ${result.stderr.trim().slice(0, 300)}`,
        );
      },
    );
  }

  /** The comment (GECOS) of `getent passwd <user>` is exactly the creation template's mark. */
  async accountMarkedBy(request: AccountRequest, sessionId: string): Promise<boolean> {
    checkAccountName(request.username);
    return await this.#exec(
      request,
      'reading the account\u2019s comment',
      accountExistsCommand(request.username),
      (result) => {
        if (result.code === 2) return false;
        if (result.code !== 0) {
          throw new Error(
            `getent passwd exited ${result.code ?? 'without a status'}: ${result.stderr.trim().slice(0, 300)}`,
          );
        }
        return commentOf(result.stdout) === `${managedMarker} ${sessionId}`;
      },
    );
  }

  /** `pkill -KILL -u <user>` on an exec channel; the count is pgrep's from just before. */
  async endSessions(request: AccountRequest): Promise<number> {
    checkAccountName(request.username);
    return await this.#exec(
      request,
      'ending the account\u2019s sessions',
      endSessionsCommand(request.username),
      (result) => {
        const count = parseEndedCount(result.stdout);
        if (result.code !== 0 || count === null) {
          throw new Error(
            `the command exited ${result.code ?? 'without a status'}: ${result.stderr.trim().slice(0, 300)}`,
          );
        }
        return count;
      },
    );
  }

  /**
   * An SSH login as the account with the password (password or keyboard-interactive, as PAM asks):
   * sshd refuses a wrong password, a locked or expired account alike. The check needs the server to
   * take password logins for the account; where it does not, nothing is proven.
   */
  async accountLogsIn(request: AccountLoginRequest): Promise<boolean> {
    checkAccountName(request.username);
    return await probeAccountLogin(
      request,
      () =>
        this.#connect(
          request.target,
          { username: request.username, password: request.password },
          this.#timeouts.connectSeconds * 1000,
          request.signal,
        ),
      (error) => error instanceof SshConnectError && error.loginRefused,
    );
  }

  /** The shadow entry's lock and expiry (account-commands.ts), as root or through sudo. */
  async accountEnabled(request: AccountRequest): Promise<boolean> {
    checkAccountName(request.username);
    const { username, password } = request.login;
    const command = asRoot(accountEnabledCommand(request.username), username, password !== undefined);
    return await this.#exec(
      request,
      'reading the account\u2019s lock',
      command,
      (result) => {
        const enabled = parseEnabledState(result.stdout);
        if (result.code !== 0 || enabled === null) {
          throw new Error(
            `the command exited ${result.code ?? 'without a status'}: ${result.stderr.trim().slice(0, 300)}`,
          );
        }
        return enabled;
      },
      username === 'root' ? undefined : password === undefined ? undefined : `${password}\n`,
    );
  }

  /** Closes the connections kept for the next check (on shutdown, and on Lock). */
  closeKeptConnections(): Promise<void> {
    return this.#linger.closeAll();
  }

  #connect(
    target: TargetEndpoint,
    login: ConnectionLogin,
    timeoutMs: number,
    signal?: CancelSignal,
  ): Promise<SshConnection> {
    return connectSsh({ target, login, timeoutMs, signal, hostKeyCheck: this.options.hostKeyCheck });
  }

  /**
   * One exec channel on a fresh connection, through the shared account-check plumbing: the
   * request's signal, a deadline, the connection closed whatever happens, and failures as
   * AccountCheckFailed with secrets masked.
   */
  #exec<T>(
    request: AccountRequest,
    what: string,
    command: string,
    read: (result: ExecResult) => T,
    input?: string,
  ): Promise<T> {
    const open = (): Promise<SshConnection> =>
      this.#connect(request.target, request.login, this.#timeouts.connectSeconds * 1000, request.signal);
    return withAccountConnection(request, what, { open, linger: this.#linger }, async (connection) =>
      // Root's shell start-up alone can take a fraction of a second; endSessions waits up to 5 s.
      read(
        await execCommand(
          connection,
          command,
          (this.#timeouts.readSeconds + 10) * 1000,
          request.signal,
          input,
        ),
      ),
    );
  }
}
