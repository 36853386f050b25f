/**
 * The composition root: builds every service once, for either shell. Nothing here imports
 * Electron; the shells pass in what differs (which backend stores the configuration, the shell's
 * name, the data directory, the OS keyring when there is one).
 */
import { userInfo } from 'node:os';
import type { ShellKind } from './shell-kind';
import { Dispatcher } from './dispatcher';
import { EventBus } from '../platform/event-bus';
import type { CallContext } from './handler-types';
import { appHandlers } from './handlers/app';
import { auditHandlers } from './handlers/audit';
import { credentialsHandlers, passwordChangeHandlers } from './handlers/credentials';
import { devicesHandlers } from './handlers/devices';
import { hostKeysHandlers } from './handlers/host-keys';
import { operationsHandlers } from './handlers/operations';
import { pluginsHandlers } from './handlers/plugins';
import { sessionsHandlers } from './handlers/sessions';
import { sqlConsoleHandlers } from './handlers/sql-console';
import { settingsHandlers } from './handlers/settings';
import { templatesHandlers } from './handlers/templates';
import { terminalHandlers } from './handlers/terminal';
import { transferHandlers } from './handlers/transfer';
import { vaultHandlers } from './handlers/vault';
import { appName, appVersion } from './app-identity';
import { AuditLog } from '../audit/audit-log';
import { SessionLifecycle } from '../lifecycle/session-lifecycle';
import { SessionStore } from '../lifecycle/session-store';
import { SshTerminals } from '../sessions/ssh-terminal';
import { OperationLog } from '../operations/operation-log';
import { PasswordChangeService } from '../operations/password-change';
import { TemplateExecutor } from '../operations/template-executor';
import { TemplateRunner } from '../operations/template-runner';
import { closeKeptConnectionsOn } from './kept-connections';
import { createPluginRegistry } from '../plugins/registry';
import { SqlConsoleService } from '../sessions/sql-console';
import { SqlTranscripts } from '../sessions/sql-transcript';
import { TerminalTranscripts } from '../sessions/terminal-transcript';
import { knownSessionSecrets } from '../sessions/known-secrets';
import { scanHostKey } from '../plugins/ssh';
import { HostKeyService } from '../services/host-key-service';
import { sections } from '../services/stored-records';
import { openTable } from '../storage/table-loader';
import { hostKeySchema } from '../../shared/domain/host-key';
import { systemClock, type Clock, type Timers } from '../platform/clock';
import { describePrivateDir, makeDataDirPrivate } from '../platform/private-data-dir';
import { createInventory, type Inventory } from '../services/inventory';
import { TemplateLibraryImport } from '../services/template-library-import';
import { NoticeBoard } from '../services/notice-board';
import { SettingsService } from '../services/settings-service';
import { TransferService } from '../services/transfer/transfer-service';
import { ConfigStore } from '../storage/config-store';
import { flushEach } from '../storage/flush-each';
import type { BackendFactory } from '../storage/document-backend';
import type { OsKeyProtector } from '../vault/os-key-protector';
import { unlockWithPassphraseFile } from '../vault/passphrase-file';
import { IdleLock } from '../vault/idle-lock';
import { VaultService } from '../vault/vault-service';
import { SessionPresence } from '../sessions/session-presence';

export interface CoreOptions {
  readonly dataDir: string;
  readonly shell: ShellKind;
  readonly createBackend: BackendFactory;
  readonly clock?: Clock;
  /** The timers of the JIT sessions (maximum length, cleanup retries); the system's by default. */
  readonly timers?: Timers;
  /** The OS keyring (Electron's safeStorage), when a real one is present. */
  readonly osKeys?: OsKeyProtector;
  /**
   * Whether the core sweeps unfinished sessions by itself (at start, on a vault unlock, then
   * periodically): yes for the app. The session command line says no: a `list` must not act on
   * targets, and its `sweep` runs one on request.
   */
  readonly automaticSweeps?: boolean;
  /**
   * What this process's sessions are started in (`Session.startedIn`): the app's end with it, the
   * session command line's outlive it. The app by default.
   */
  readonly sessionsStartedIn?: 'app' | 'cli';
  /** The digits of generated JIT account names; crypto's by default (tests make a name collide). */
  readonly randomInt?: (max: number) => number;
  /** How long shutdown() may take before it flushes the stores regardless; 60 s by default. */
  readonly shutdownCeilingMs?: number;
}

export interface Core {
  readonly dispatcher: Dispatcher;
  readonly events: EventBus;
  readonly dataDir: string;
  readonly vault: VaultService;
  readonly inventory: Inventory;
  /** The JIT sessions. */
  readonly sessions: SessionLifecycle;
  /** The terminals of SSH sessions. */
  readonly terminals: SshTerminals;
  /** Resolves when start-up chores (built-in templates, interrupted runs) are done. */
  readonly ready: Promise<void>;
  /** The context transports attach to calls: the OS user is the actor in audit entries. */
  context(transport: CallContext['transport']): CallContext;
  /** `--passphrase-file`: set up or unlock the vault; a problem is posted as a notice. */
  unlockWithPassphraseFile(path: string): Promise<void>;
  close(): void;
  /**
   * Quitting: ends the live JIT sessions (a bounded wait for their cleanup; what does not finish
   * is swept at the next start), then close(). Resolves within a ceiling whatever a step does.
   */
  shutdown(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  // The entry point holds the data directory's lock (platform/data-dir-lock.ts) by now.
  const privacy = makeDataDirPrivate(options.dataDir);
  const actor = safeUserName();

  const events = new EventBus();
  const notices = new NoticeBoard(events, clock);
  const privacyWarning = describePrivateDir(options.dataDir, privacy);
  if (privacyWarning) notices.post('warning', privacyWarning);
  const config = ConfigStore.open({
    dir: options.dataDir,
    name: 'config',
    createBackend: options.createBackend,
    now: () => clock.now(),
  });
  const audit = AuditLog.open({ dir: options.dataDir, clock, events });
  const vault = new VaultService({
    dataDir: options.dataDir,
    events,
    audit,
    clock,
    ...(options.osKeys ? { osKeys: options.osKeys } : {}),
    onProblem: (message) => notices.post('error', message),
  });
  const settings = new SettingsService(config, events, notices, audit);
  const hostKeyTable = openTable(config, sections.hostKeys, hostKeySchema, () => clock.now());
  const hostKeys = new HostKeyService({
    table: hostKeyTable.table,
    audit,
    events,
    clock,
    systemActor: actor,
    scan: scanHostKey,
  });
  const plugins = createPluginRegistry({ sshHostKeyCheck: (target, key) => hostKeys.check(target, key) });
  // The lifecycle sits above the services: the credential lists ask it through this function.
  const late: { sessions?: SessionLifecycle } = {};
  const inventory = createInventory({
    dataDir: options.dataDir,
    config,
    createBackend: options.createBackend,
    clock,
    events,
    audit,
    vault,
    settings: () => settings.get(),
    syntaxCheck: (pluginId, content) => plugins.get(pluginId)?.check(content),
    sessionStatus: (credentialId) => late.sessions?.statusOf(credentialId) ?? 'None',
  });
  const operations = OperationLog.open({ dir: options.dataDir, clock, events });
  // One executor, so that Executions > Operations can cancel any run, whoever started it.
  const executor = new TemplateExecutor({ operations, plugins, clock });
  const runner = new TemplateRunner({
    inventory,
    executor,
    audit,
    plugins,
    settings: () => settings.get(),
    clock,
  });
  const passwordChange = new PasswordChangeService({
    inventory,
    vault,
    executor,
    plugins,
    audit,
    settings: () => settings.get(),
    clock,
  });
  const sessionStore = SessionStore.open({ dir: options.dataDir });
  const timers = options.timers ?? systemClock;
  const lifecycle = new SessionLifecycle({
    store: sessionStore,
    executor,
    plugins,
    inventory,
    vault,
    audit,
    events,
    settings: () => settings.get(),
    clock: { now: () => clock.now(), setTimer: (fire, ms) => timers.setTimer(fire, ms) },
    ...(options.randomInt ? { randomInt: options.randomInt } : {}),
    startedIn: options.sessionsStartedIn ?? 'app',
  });
  late.sessions = lifecycle;
  const presence = new SessionPresence({ sessions: lifecycle, timers });
  const terminals = new SshTerminals({
    transcripts: new TerminalTranscripts(options.dataDir),
    knownSecrets: (session) => knownSessionSecrets({ inventory, plugins, vault }, session),
    sessions: lifecycle,
    inventory,
    vault,
    events,
    audit,
    hostKeyCheck: (target, key) => hostKeys.check(target, key),
  });
  const sqlConsoles = new SqlConsoleService({
    lifecycle,
    audit,
    events,
    inventory,
    plugins,
    vault,
    transcripts: new SqlTranscripts(options.dataDir),
    clock: () => clock.now(),
  });
  const transfer = new TransferService({ inventory, vault, audit, clock });
  for (const problem of [
    ...config.problems,
    ...audit.problems,
    ...inventory.problems,
    ...hostKeyTable.problems,
    ...operations.problems,
    ...sessionStore.problems,
  ]) {
    notices.post('error', problem.message);
  }
  // Start-up chores that write: the shipped template library, and runs a crash left unfinished.
  // The first of them completes a change the app stopped in the middle of (see ChangeJournal).
  const ready = Promise.all([
    inventory.recovered,
    inventory.templates.installBuiltIns(plugins.builtInTemplates()),
    operations.closeInterrupted(),
  ]).then(
    () => undefined,
    (error: unknown) => {
      notices.post('error', `Start-up failed: ${error instanceof Error ? error.message : 'unknown error'}`);
    },
  );

  // The start-up sweep drives every session a crash or a quit left unfinished to its end. It
  // needs the logins in the vault: it runs once start-up is done, and again when the vault unlocks.
  const sweepProblem = (error: unknown) =>
    notices.post(
      'error',
      `The session sweep failed: ${error instanceof Error ? error.message : 'unknown error'}`,
    );
  closeKeptConnectionsOn(events, plugins);
  if (options.automaticSweeps ?? true) {
    void ready.then(() => lifecycle.open()).catch(sweepProblem);
    events.subscribe((event, payload) => {
      if (event === 'vault.changed' && (payload as { state?: string }).state === 'unlocked') {
        void ready.then(() => lifecycle.sweep({ retryNeedsAttention: true })).catch(sweepProblem);
      }
    });
  }

  // Idle auto-lock (Settings > Security): no input in any window for that long locks the vault (the
  // windows report it as vault.activity), and the windows are warned a minute before.
  const idleLock = new IdleLock({
    timers,
    idleMinutes: () => settings.get().security.autoLockMinutes,
    isUnlocked: () => {
      const status = vault.status();
      return status.state === 'unlocked' && status.keySource === 'passphrase';
    },
    lock: () => vault.lock('system'),
    warn: (secondsLeft) => events.emit('vault.idleWarning', { secondsLeft }),
    onError: (error) =>
      notices.post(
        'error',
        `The idle lock failed: ${error instanceof Error ? error.message : 'unknown error'}`,
      ),
  });
  events.subscribe((event, payload) => {
    if (event === 'vault.changed' && (payload as { state?: string }).state === 'unlocked')
      idleLock.activity();
    // A new idle time counts from its save (a person saved it): not from the next reported input,
    // which may be 30 s away or never come.
    if (event === 'settings.changed') idleLock.activity();
  });

  const dispatcher = new Dispatcher(
    {
      ...appHandlers(
        { name: appName, version: appVersion, shell: options.shell, dataDir: options.dataDir },
        notices,
      ),
      ...settingsHandlers(settings),
      ...devicesHandlers(inventory.devices),
      ...hostKeysHandlers(hostKeys),
      ...credentialsHandlers(inventory.credentials),
      ...passwordChangeHandlers(passwordChange),
      ...templatesHandlers(inventory.templates, new TemplateLibraryImport(inventory.templates)),
      ...pluginsHandlers(plugins),
      ...auditHandlers(audit),
      ...vaultHandlers(vault, idleLock),
      ...transferHandlers(transfer),
      ...operationsHandlers(operations, runner, executor),
      ...sessionsHandlers(lifecycle, presence),
      ...terminalHandlers(terminals),
      ...sqlConsoleHandlers(sqlConsoles),
    },
    // Not every call restarts the idle countdown: a list a window reloads on the core's events
    // would keep an unattended window unlocked forever. Only a person's input does, reported by
    // the window as vault.activity (and an unlock).
  );

  return {
    dispatcher,
    events,
    dataDir: options.dataDir,
    vault,
    inventory,
    sessions: lifecycle,
    terminals,
    ready,
    context: (transport) => ({ transport, actor }),
    unlockWithPassphraseFile: async (path) => {
      const problem = await unlockWithPassphraseFile(vault, path, actor);
      if (problem) notices.post('error', problem);
    },
    close: () => {
      idleLock.stop();
      flushEach([config, inventory, vault]);
    },
    shutdown: async () => {
      // Each step says what it waits for, for the message if the whole quit runs out of time.
      let step = 'the calls in flight';
      const steps = async () => {
        // What was being saved is let finish first (a request in flight, the start-up install of
        // the built-in templates), so quitting never leaves a change half made.
        idleLock.stop();
        // The tabs' connections go as the host stops: their views' timers must not end sessions
        // that the close below ends anyway.
        presence.dispose();
        await dispatcher.drain(shutdownWaitMs);
        step = 'the start-up chores';
        await Promise.race([ready, waitMs(shutdownWaitMs)]);
        step = 'the JIT sessions to end';
        await lifecycle.close();
        step = 'the SQL consoles to close';
        await sqlConsoles.close();
        step = 'the kept connections to close';
        await plugins.closeKeptConnections();
        step = "the vault's writes";
        // The vault's writes in flight end on their own (flush would supersede them, synchronously).
        await vault.settled();
      };
      // Each step is bounded or should be, but a quit must end even when one is not (a server that
      // stops answering mid-step): past the ceiling the stores are flushed as they are. Every
      // durable write is whole on disk already; a session left Ending is swept at the next start.
      try {
        const finished = await Promise.race([
          steps().then(() => true),
          waitMs(options.shutdownCeilingMs ?? shutdownCeilingMs).then(() => false),
        ]);
        if (!finished) {
          console.error(`Quitting without waiting longer for ${step}: the next start finishes what is left.`);
        }
      } finally {
        // A step that threw is no reason to lose what the stores hold.
        flushEach([config, inventory, vault]);
      }
    },
  };
}

/** How long quitting waits for the calls in flight, then for the start-up chores. */
const shutdownWaitMs = 10_000;

/**
 * How long a quit may take in all: the waits above (10 s, 10 s), the sessions' cleanup (20 s,
 * session-lifecycle.ts), and a margin for closing connections and the vault's last write.
 */
const shutdownCeilingMs = 60_000;

/** Resolves after `ms`, without keeping the process alive for it. */
function waitMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
