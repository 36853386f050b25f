/**
 * The composition root: builds every service once, for either shell. Nothing here imports
 * Electron; the shells pass in what differs (which backend stores the configuration, the shell's
 * name, the data directory).
 */
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { ShellKind } from './shell-kind';
import { Dispatcher } from './dispatcher';
import { EventBus } from './event-bus';
import type { CallContext } from './handler-types';
import { appHandlers } from './handlers/app';
import { settingsHandlers } from './handlers/settings';
import { systemClock, type Clock } from '../platform/clock';
import { NoticeBoard } from '../services/notice-board';
import { SettingsService } from '../services/settings-service';
import { ConfigStore } from '../storage/config-store';
import type { BackendFactory } from '../storage/document-backend';
import { appName, appVersion } from './app-identity';

export interface CoreOptions {
  readonly dataDir: string;
  readonly shell: ShellKind;
  readonly createBackend: BackendFactory;
  readonly clock?: Clock;
}

export interface Core {
  readonly dispatcher: Dispatcher;
  readonly events: EventBus;
  readonly dataDir: string;
  /** The context transports attach to calls: the OS user is the actor in audit entries. */
  context(transport: CallContext['transport']): CallContext;
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });

  const events = new EventBus();
  const notices = new NoticeBoard(events, clock);
  const store = ConfigStore.open({
    dir: options.dataDir,
    name: 'config',
    createBackend: options.createBackend,
    now: () => clock.now(),
  });
  for (const problem of store.problems) notices.post('error', problem.message);

  const settings = new SettingsService(store, events, notices);

  const dispatcher = new Dispatcher({
    ...appHandlers(
      { name: appName, version: appVersion, shell: options.shell, dataDir: options.dataDir },
      notices,
    ),
    ...settingsHandlers(settings),
  });

  const actor = safeUserName();
  return {
    dispatcher,
    events,
    dataDir: options.dataDir,
    context: (transport) => ({ transport, actor }),
    close: () => store.flush(),
  };
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
