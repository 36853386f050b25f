/**
 * The API contract: every method the renderer may call and every event the core may push.
 * Both transports (Electron IPC and the browser host's WebSocket) and the renderer's client are
 * derived from these tables, so a method added here and missing on either side fails `tsc`.
 */
import type { z } from 'zod';
import { appEvents, appMethods } from './app';
import { auditEvents, auditMethods } from './audit';
import { credentialsEvents, credentialsMethods, passwordChangeMethods } from './credentials';
import { devicesEvents, devicesMethods } from './devices';
import { hostKeysEvents, hostKeysMethods } from './host-keys';
import { operationsCallerEvents, operationsEvents, operationsMethods } from './operations';
import { pluginsMethods } from './plugins';
import { sessionsEvents, sessionsMethods } from './sessions';
import { settingsEvents, settingsMethods } from './settings';
import { terminalMethods } from './terminal';
import { sqlConsoleMethods } from './sql-console';
import { templatesEvents, templatesMethods } from './templates';
import { transferMethods } from './transfer';
import { vaultEvents, vaultMethods } from './vault';
import type { Result } from '../result';
import type { StreamEnd } from './streams';

export const methods = {
  ...appMethods,
  ...settingsMethods,
  ...devicesMethods,
  ...hostKeysMethods,
  ...credentialsMethods,
  ...passwordChangeMethods,
  ...templatesMethods,
  ...pluginsMethods,
  ...auditMethods,
  ...vaultMethods,
  ...transferMethods,
  ...operationsMethods,
  ...sessionsMethods,
  ...terminalMethods,
  ...sqlConsoleMethods,
};
/**
 * Events that concern one caller only (a test run's progress): a transport sends them to the
 * connection whose call produced them (`CallContext.notify`), never to every client.
 */
export const callerEvents = {
  ...operationsCallerEvents,
};
/** Events every window shows (lists, statuses): broadcast to every client. */
export const broadcastEvents = {
  ...appEvents,
  ...settingsEvents,
  ...devicesEvents,
  ...hostKeysEvents,
  ...credentialsEvents,
  ...templatesEvents,
  ...auditEvents,
  ...vaultEvents,
  ...operationsEvents,
  ...sessionsEvents,
};
export const events = { ...broadcastEvents, ...callerEvents };

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods;
export type EventName = keyof Events;
export type CallerEventName = keyof typeof callerEvents;
export type BroadcastEventName = keyof typeof broadcastEvents;

/** What a caller passes (before zod defaults/transforms). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a caller receives. */
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.hasOwn(methods, name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name);

/** The typed surface both transports implement for the renderer. */
export interface ApiTransport {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * The renderer's end of a stream a call opened (e.g. `terminal.open` answered its id); undefined
   * when this connection cannot carry it (it closed, or it has no token).
   */
  stream(id: number): Promise<StreamEnd | undefined>;
}

/** IPC channel names: one per method and one per event, so the shell can register each. */
export const ipcMethodChannel = (method: MethodName): string => `rpc:${method}`;
export const ipcEventChannel = (event: EventName): string => `event:${event}`;
