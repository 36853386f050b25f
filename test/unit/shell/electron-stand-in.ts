/**
 * A stand-in for the part of Electron's API the shell (electron/shell/) calls, so that the shell's
 * wiring can be tested in plain Node where Electron's binary cannot run. Each piece implements a
 * `Pick` of electron's own type declarations: a signature that changes in electron's types breaks
 * this file's compile instead of letting the stand-in drift. It records what the shell registers
 * and lets a test play Electron's part (a call from a frame, a navigation, a permission request).
 *
 * Tests install it with `vi.mock('electron', () => import('./electron-stand-in'))` and call
 * `resetElectron()` before each test.
 */
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  App,
  BaseWindow,
  MessageBoxOptions,
  MessageBoxReturnValue,
  BrowserWindow as ElectronBrowserWindow,
  BrowserWindowConstructorOptions,
  ContextBridge,
  CustomScheme,
  Dialog,
  HandlerDetails,
  IpcMain,
  IpcMainInvokeEvent,
  IpcRenderer,
  NativeTheme,
  Net,
  Protocol,
  SafeStorage,
  Session,
  Shell,
  WebContents,
  WebFrameMain,
  WindowOpenHandlerResponse,
} from 'electron';

type PermissionRequestHandler = NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>;
type PermissionCheckHandler = NonNullable<Parameters<Session['setPermissionCheckHandler']>[0]>;
export type RequestedPermission = Parameters<PermissionRequestHandler>[1];
export type CheckedPermission = Parameters<PermissionCheckHandler>[1];
type StorageBackend = ReturnType<SafeStorage['getSelectedStorageBackend']>;
type InvokeHandler = Parameters<IpcMain['handle']>[1];
type ProtocolHandler = Parameters<Protocol['handle']>[1];

/**
 * Every permission Electron can ask about, from its own types: a Record over the union fails to
 * compile when electron adds or drops one, so "every permission is denied" stays every one.
 */
const requestedPermissions: Record<RequestedPermission, true> = {
  'clipboard-read': true,
  'clipboard-sanitized-write': true,
  'display-capture': true,
  fullscreen: true,
  geolocation: true,
  'idle-detection': true,
  media: true,
  mediaKeySystem: true,
  midi: true,
  midiSysex: true,
  notifications: true,
  pointerLock: true,
  keyboardLock: true,
  openExternal: true,
  'speaker-selection': true,
  'storage-access': true,
  'top-level-storage-access': true,
  'window-management': true,
  unknown: true,
  fileSystem: true,
};
const checkedPermissions: Record<CheckedPermission, true> = {
  'clipboard-read': true,
  'clipboard-sanitized-write': true,
  geolocation: true,
  fullscreen: true,
  hid: true,
  'idle-detection': true,
  media: true,
  mediaKeySystem: true,
  midi: true,
  midiSysex: true,
  notifications: true,
  openExternal: true,
  pointerLock: true,
  serial: true,
  'storage-access': true,
  'top-level-storage-access': true,
  usb: true,
  'deprecated-sync-clipboard-read': true,
  fileSystem: true,
};
export const allRequestedPermissions = Object.keys(requestedPermissions) as RequestedPermission[];
export const allCheckedPermissions = Object.keys(checkedPermissions) as CheckedPermission[];

/** A frame: the shell reads only its URL (and compares it by identity with the main frame). */
export class StandInFrame implements Pick<WebFrameMain, 'url'> {
  constructor(public url: string) {}
}

/** What a cancellable webContents event hands its listeners. */
export interface Cancellable {
  readonly prevented: boolean;
}

export class StandInWebContents
  extends EventEmitter
  implements Pick<WebContents, 'send' | 'setWindowOpenHandler' | 'reload'>
{
  readonly mainFrame = new StandInFrame('about:blank');
  readonly sent: { channel: string; args: unknown[] }[] = [];
  #windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | undefined;

  constructor() {
    super();
    // As Electron: every new webContents (a window's, a webview's) is announced on the app.
    app.emit('web-contents-created', { preventDefault: () => undefined }, this);
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  reloads = 0;
  reload(): void {
    this.reloads += 1;
  }

  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.#windowOpenHandler = handler;
  }

  /** A page's `window.open(url)`: what the shell's handler answers (Electron allows without one). */
  openWindow(url: string): WindowOpenHandlerResponse {
    const details = { url, frameName: '', features: '', disposition: 'new-window' } as HandlerDetails;
    return this.#windowOpenHandler ? this.#windowOpenHandler(details) : { action: 'allow' };
  }

  /** Emits a cancellable event ('will-navigate', 'will-redirect', 'will-attach-webview'). */
  emitCancellable(name: string, ...args: unknown[]): Cancellable {
    let prevented = false;
    const event = { preventDefault: () => (prevented = true), url: args[0] };
    this.emit(name, event, ...args);
    return {
      get prevented() {
        return prevented;
      },
    };
  }

  /** The IPC event Electron hands `ipcMain.handle` listeners; the shell reads sender and frame. */
  invokeEvent(frame: StandInFrame | null = this.mainFrame): IpcMainInvokeEvent {
    // Only the fields the shell reads are real; the cast is the boundary of the stand-in.
    return { sender: this, senderFrame: frame } as unknown as IpcMainInvokeEvent;
  }
}

export class StandInBrowserWindow
  extends EventEmitter
  implements
    Pick<
      ElectronBrowserWindow,
      'isMinimized' | 'restore' | 'focus' | 'show' | 'loadURL' | 'close' | 'isDestroyed'
    >
{
  static readonly created: StandInBrowserWindow[] = [];
  readonly webContents = new StandInWebContents();
  minimized = false;
  focused = false;
  shown = false;

  constructor(readonly options: BrowserWindowConstructorOptions = {}) {
    super();
    StandInBrowserWindow.created.push(this);
  }

  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.focused = true;
  }
  show(): void {
    this.shown = true;
  }
  loadURL(url: string): Promise<void> {
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  /** What Electron does first when the window is asked to close; `closeCalls` counts the asks. */
  close(): void {
    this.closeCalls += 1;
    this.emit('close', { preventDefault: () => undefined });
  }
  closeCalls = 0;
  isDestroyed(): boolean {
    return false;
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

class StandInApp
  extends EventEmitter
  implements
    Pick<
      App,
      'setPath' | 'getPath' | 'getVersion' | 'requestSingleInstanceLock' | 'quit' | 'exit' | 'whenReady'
    >
{
  readonly paths = new Map<string, string>();
  /** Whether another instance already holds Electron's single-instance lock. */
  otherInstanceRunning = false;
  quitCalls = 0;
  exitCodes: number[] = [];
  #ready = deferred();

  setPath(name: Parameters<App['setPath']>[0], path: string): void {
    this.paths.set(name, path);
  }
  getPath(name: Parameters<App['getPath']>[0]): string {
    const path = this.paths.get(name);
    if (path === undefined) throw new Error(`stand-in: no path ${name}`);
    return path;
  }
  getVersion(): string {
    return '0.0.0-stand-in';
  }
  requestSingleInstanceLock(): boolean {
    return !this.otherInstanceRunning;
  }
  /** As Electron: 'before-quit' (which a listener may cancel), then 'will-quit' and the end. */
  quit(): void {
    this.quitCalls++;
    const quitting = { prevented: false };
    this.emit('before-quit', { preventDefault: () => (quitting.prevented = true) });
    if (quitting.prevented) return;
    this.emit('will-quit', { preventDefault: () => undefined });
    this.#quitted.resolve();
  }
  /** Resolves once a quit was not held back (its 'will-quit' went out). */
  quitted(): Promise<void> {
    return this.#quitted.promise;
  }
  #quitted = deferred();
  exit(exitCode = 0): void {
    this.exitCodes.push(exitCode);
  }
  whenReady(): Promise<void> {
    return this.#ready.promise;
  }
  /** Electron's `ready`: resolves whenReady(). */
  becomeReady(): void {
    this.#ready.resolve();
  }
  reset(): void {
    this.removeAllListeners();
    this.paths.clear();
    this.otherInstanceRunning = false;
    this.quitCalls = 0;
    this.exitCodes = [];
    this.#ready = deferred();
    this.#quitted = deferred();
  }
}

class StandInIpcMain extends EventEmitter implements Pick<IpcMain, 'handle' | 'removeHandler'> {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, listener: InvokeHandler): void {
    // As Electron: a second handler for one channel is an error.
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What `ipcRenderer.invoke(channel, ...args)` from `event`'s frame reaches. */
  async invoke(channel: string, event: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return (await handler(event, ...args)) as unknown;
  }
  /** Every channel the main process answers: invoke handlers and `on` listeners alike. */
  channels(): string[] {
    return [...this.handlers.keys(), ...this.eventNames().map(String)];
  }
  reset(): void {
    this.handlers.clear();
    this.removeAllListeners();
  }
}

class StandInProtocol implements Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'> {
  readonly privileged: CustomScheme[] = [];
  readonly handlers = new Map<string, ProtocolHandler>();

  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void {
    this.privileged.push(...customSchemes);
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    if (this.handlers.has(scheme)) throw new Error(`The scheme ${scheme} is already handled`);
    this.handlers.set(scheme, handler);
  }
  /** A request the renderer's page makes to `url` (app://...). */
  async request(url: string): Promise<Response> {
    const handler = this.handlers.get(new URL(url).protocol.slice(0, -1));
    if (!handler) throw new Error(`No handler for ${url}`);
    return handler(new Request(url));
  }
  reset(): void {
    this.privileged.length = 0;
    this.handlers.clear();
  }
}

const mimeTypes: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

/** net.fetch, for the file:// URLs the shell fetches: a missing file rejects, as in Electron. */
class StandInNet implements Pick<Net, 'fetch'> {
  readonly fetched: string[] = [];
  async fetch(input: string | Request): Promise<Response> {
    const url = typeof input === 'string' ? input : input.url;
    this.fetched.push(url);
    if (!url.startsWith('file://')) throw new Error(`stand-in net.fetch: only file:// URLs (${url})`);
    const path = fileURLToPath(url);
    let body: Buffer;
    try {
      body = await readFile(path);
    } catch {
      throw new Error(`net::ERR_FILE_NOT_FOUND ${url}`);
    }
    const type = mimeTypes[extname(path)];
    return new Response(new Uint8Array(body), { status: 200, headers: type ? { 'Content-Type': type } : {} });
  }
}

class StandInSession implements Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> {
  requestHandler: PermissionRequestHandler | null = null;
  checkHandler: PermissionCheckHandler | null = null;

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.checkHandler = handler;
  }
  /** A page asks for `permission`: whether it is granted (Electron grants without a handler). */
  request(contents: StandInWebContents, permission: RequestedPermission): Promise<boolean> {
    const handler = this.requestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => {
      const details = {
        requestingUrl: contents.mainFrame.url,
        isMainFrame: true,
      } as Parameters<PermissionRequestHandler>[3];
      handler(contents as unknown as WebContents, permission, resolve, details);
    });
  }
  /** Chromium checks `permission` synchronously: whether it is granted. */
  check(contents: StandInWebContents, permission: CheckedPermission): boolean {
    if (!this.checkHandler) return true;
    const details = {
      requestingUrl: contents.mainFrame.url,
      isMainFrame: true,
    } as Parameters<PermissionCheckHandler>[3];
    return this.checkHandler(contents as unknown as WebContents, permission, contents.mainFrame.url, details);
  }
  reset(): void {
    this.requestHandler = null;
    this.checkHandler = null;
  }
}

class StandInShell implements Pick<Shell, 'openExternal'> {
  readonly opened: string[] = [];
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  }
}

/** A reversible stand-in for the OS keyring's sealing (not encryption: tests only). */
class StandInSafeStorage implements Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
> {
  available = true;
  backend: StorageBackend = 'gnome_libsecret';

  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): StorageBackend {
    return this.backend;
  }
  encryptString(plainText: string): Buffer {
    return Buffer.from(`sealed:${plainText}`);
  }
  decryptString(encrypted: Buffer): string {
    const text = encrypted.toString();
    if (!text.startsWith('sealed:')) throw new Error('stand-in safeStorage: not sealed here');
    return text.slice('sealed:'.length);
  }
}

class StandInDialog implements Pick<Dialog, 'showErrorBox' | 'showMessageBox'> {
  readonly errors: { title: string; content: string }[] = [];
  /** The questions asked, each answered when the test calls `answer(index of the button)`. */
  readonly questions: { options: MessageBoxOptions; answer: (response: number) => void }[] = [];
  showErrorBox(title: string, content: string): void {
    this.errors.push({ title, content });
  }
  showMessageBox(
    ...args: [options: MessageBoxOptions] | [window: BaseWindow, options: MessageBoxOptions]
  ): Promise<MessageBoxReturnValue> {
    const options = args.length === 1 ? args[0] : args[1];
    return new Promise((resolve) => {
      this.questions.push({ options, answer: (response) => resolve({ response, checkboxChecked: false }) });
    });
  }
}

class StandInNativeTheme implements Pick<NativeTheme, 'shouldUseDarkColors'> {
  shouldUseDarkColors = false;
}

/** The preload's side: what it exposes to the page, and what it sends. */
class StandInContextBridge implements Pick<ContextBridge, 'exposeInMainWorld'> {
  readonly exposed = new Map<string, unknown>();
  exposeInMainWorld(apiKey: string, api: unknown): void {
    if (this.exposed.has(apiKey))
      throw new Error(`Cannot bind an API on top of an existing property: ${apiKey}`);
    this.exposed.set(apiKey, api);
  }
}

/**
 * ipcRenderer's invoke, and on/removeListener as the preload calls them (Electron's return the
 * whole IpcRenderer for chaining, which the preload does not use; their parameters are checked).
 */
class StandInIpcRenderer extends EventEmitter implements Pick<IpcRenderer, 'invoke'> {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve({ ok: true, value: null });
  }
  override on(...[channel, listener]: Parameters<IpcRenderer['on']>): this {
    return super.on(channel, listener);
  }
  override removeListener(...[channel, listener]: Parameters<IpcRenderer['removeListener']>): this {
    return super.removeListener(channel, listener);
  }
}

export const app = new StandInApp();
export const ipcMain = new StandInIpcMain();
export const protocol = new StandInProtocol();
export const net = new StandInNet();
export const session = { defaultSession: new StandInSession() };
export const shell = new StandInShell();
export const safeStorage = new StandInSafeStorage();
export const dialog = new StandInDialog();
export const nativeTheme = new StandInNativeTheme();
export const contextBridge = new StandInContextBridge();
export const ipcRenderer = new StandInIpcRenderer();
export const BrowserWindow = StandInBrowserWindow;

/** `import electron from 'electron'` (electron-store's way) sees the same objects. */
export default {
  app,
  ipcMain,
  protocol,
  net,
  session,
  shell,
  safeStorage,
  dialog,
  nativeTheme,
  contextBridge,
  ipcRenderer,
  BrowserWindow,
};

/** Forgets everything the previous test's shell registered. */
export function resetElectron(): void {
  app.reset();
  ipcMain.reset();
  protocol.reset();
  net.fetched.length = 0;
  session.defaultSession.reset();
  shell.opened.length = 0;
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  dialog.errors.length = 0;
  dialog.questions.length = 0;
  nativeTheme.shouldUseDarkColors = false;
  contextBridge.exposed.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoked.length = 0;
  StandInBrowserWindow.created.length = 0;
}
