/**
 * The interface every built-in plugin implements (electron/plugins/<id>/), and the requests and
 * results the layers above (services, operations, cli) exchange with it. It lives in the core's
 * plugins layer: the renderer never runs a plugin, it sees results through the contract.
 */
import type { PluginId } from '../../shared/domain/plugin';

/** The part of an AbortSignal a plugin needs (structural: an AbortSignal or any lookalike fits). */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** A problem in a template's text, 1-based. */
export interface TemplateProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** A warning does not stop a save or a run; absent means an error, which does. */
  readonly severity?: 'warning';
}

/** Where to connect: the device's address and the port of the plugin's protocol. */
export interface TargetEndpoint {
  readonly host: string;
  readonly port: number;
}

/**
 * Decides whether a server's host key (the raw key blob) is the one trusted for the endpoint:
 * `true` to go on, `false` or a reason (shown to the user) to refuse before anything is sent.
 * The core passes the host-key service's check to the SSH plugin (plugin-module.ts).
 */
export type HostKeyCheck = (
  target: TargetEndpoint,
  key: Buffer,
) => boolean | string | Promise<boolean | string>;

/** Who connects: the authentication credential (or the credential itself with "use own"). */
export interface ConnectionLogin {
  readonly username: string;
  readonly password?: string;
  /** SSH only: an OpenSSH/PEM private key instead of, or besides, the password. */
  readonly privateKey?: string;
  /** SSH only: what decrypts `privateKey`, when it is encrypted. A secret, like the password. */
  readonly passphrase?: string;
  readonly domain?: string;
  /** SQL plugins: the database to connect to (the credential's Additional information). */
  readonly database?: string;
}

/** Tag values by tag name (`USERNAME`, not `[#USERNAME#]`). Missing tags are an error. */
export type TagValues = Readonly<Record<string, string>>;

export interface RunTimeouts {
  readonly connectSeconds: number;
  readonly readSeconds: number;
}

/** One executed line of a template, for the operation's log. Texts are already masked. */
export interface RunStep {
  readonly line: number;
  readonly command: string;
  readonly output: string;
  readonly ok: boolean;
  readonly durationMs: number;
}

export type RunFailureKind =
  /** The template or a tag value was refused before anything was sent (exit code 2 in the CLI). */
  | 'refused'
  /** Connecting or authenticating failed. */
  | 'connect'
  /** A step failed on the target: an expect that did not match, an SQL error, an LDAP error. */
  | 'target'
  | 'timeout'
  | 'canceled';

export interface RunFailure {
  readonly kind: RunFailureKind;
  /** 1-based template line, when one line is to blame. */
  readonly line: number | null;
  /** Masked. */
  readonly message: string;
  /** The last output seen, masked. */
  readonly outputTail: string;
}

export interface RunResult {
  readonly ok: boolean;
  readonly steps: readonly RunStep[];
  readonly failure: RunFailure | null;
  readonly durationMs: number;
}

export interface RunRequest {
  readonly template: string;
  readonly tags: TagValues;
  readonly target: TargetEndpoint;
  readonly login: ConnectionLogin;
  readonly timeouts?: Partial<RunTimeouts>;
  readonly signal?: CancelSignal;
  /** Called as each step finishes, for live logs. */
  readonly onStep?: (step: RunStep) => void;
}

export interface AccountRequest {
  readonly target: TargetEndpoint;
  readonly login: ConnectionLogin;
  /** The account to look for / whose sessions to end. */
  readonly username: string;
  readonly signal?: CancelSignal;
}

/** A login as the account itself: the proof that an account is the one a session created. */
export interface AccountLoginRequest extends AccountRequest {
  /** The password the session generated for the account (a secret: only the session knows it). */
  readonly password: string;
}

/** How the target names accounts: what a generated name must fit, and how two names compare. */
export interface AccountNameRules {
  /** The longest account name the target (and the plugin's built-in templates) accept. */
  readonly maxLength: number;
  /** Whether the target takes `App` and `app` for one account (LDAP's uid). */
  readonly caseInsensitive: boolean;
}

export interface PluginRuntime {
  readonly id: PluginId;
  readonly accountNames: AccountNameRules;
  /** Syntax and tag problems, without connecting. Empty when the template is fine. */
  check(template: string): TemplateProblem[];
  /** Runs the template against the target. Never throws for target-side failures: see `failure`. */
  run(request: RunRequest): Promise<RunResult>;
  /** Whether the account exists on the target (for verification after create/delete). */
  accountExists(request: AccountRequest): Promise<boolean>;
  /** Ends the account's live sessions on the target; returns how many were ended. */
  endSessions(request: AccountRequest): Promise<number>;
  /**
   * endSessions, then whether the account still exists, in one round trip where the target
   * allows it (PostgreSQL: one query). The lifecycle's cleanup of a created account asks both;
   * a plugin without it is asked them one after the other.
   */
  endSessionsThenExists?(request: AccountRequest): Promise<{ ended: number; exists: boolean }>;
  /**
   * Whether the account logs in with `password`: false when the target refuses that login (wrong
   * password, locked, expired, no such account); rejects when the target could not be asked at all
   * (unreachable, a timeout). Only the account's own login is used, nothing is changed.
   */
  accountLogsIn(request: AccountLoginRequest): Promise<boolean>;
  /**
   * Whether the account carries the mark the plugin's built-in creation template gives it for
   * `sessionId` (SSH: the comment "managed by jit-pam <session>"). Only a plugin whose creation
   * takes several commands has it: an account made by the first and cut short before the password
   * logs in with nothing, yet is provably the session's. Read as the authentication login.
   */
  accountMarkedBy?(request: AccountRequest, sessionId: string): Promise<boolean>;
  /**
   * Whether the account may log in now, in the terms of the plugin's built-in Credential enable
   * and disable templates (false for an account that does not exist); rejects when the target
   * cannot tell. Read as the authentication login, nothing is changed.
   */
  accountEnabled(request: AccountRequest): Promise<boolean>;
  /**
   * Closes the connections the plugin keeps logged in between calls (the SQL plugins' pool, the
   * last connection of SSH and LDAP, kept for the checks after a run): on Lock of the vault and
   * on quit, so no session stays open on a target once its password is locked.
   */
  closeKeptConnections?(): Promise<void>;
}

/** Tags whose values are secrets: masked in every step, failure and log. */
export const secretTagNames: readonly string[] = [
  'NEW_PASSWORD',
  'CURRENT_PASSWORD',
  'AUTH_PASSWORD',
  // Hashes of NEW_PASSWORD (tag-engine/derived-tags.ts): each allows offline guessing.
  'NEW_PASSWORD_SCRAM',
  'NEW_PASSWORD_MYSQL',
  'NEW_PASSWORD_SSHA',
];
