import type { Page } from '@playwright/test';

/**
 * The tab's WebSocket to the core (browser host only), passed through by the test, which can also
 * speak as the core: push an event, or change what the core answers to a method. For the moments a
 * race makes rare (an event or a page read arriving while the user acts), made to happen on cue.
 */
export interface CoreSocket {
  /** Sends `{ event, payload }` to the tab as the core's push would. */
  push(event: string, payload: unknown): void;
  /** The core's answer value to the tab's next call of `method`, changed by `change`. */
  changeNextAnswer(method: string, change: (value: unknown) => unknown): void;
  /** The value of the core's last successful answer to `method`, if any. */
  lastAnswer(method: string): unknown;
}

type Frame = string | Buffer;
const parse = (frame: Frame): unknown => (typeof frame === 'string' ? JSON.parse(frame) : undefined);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** Routes the tab's socket through the test, then reloads the tab (it keeps its token) to open it so. */
export async function routeCoreSocket(page: Page): Promise<CoreSocket> {
  const methodOfCall = new Map<number, string>();
  const changes = new Map<string, (value: unknown) => unknown>();
  const changedCalls = new Map<number, (value: unknown) => unknown>();
  const answers = new Map<string, unknown>();
  let toTab: ((frame: string) => void) | undefined;
  let markRouted: () => void = () => undefined;
  const routed = new Promise<void>((resolve) => (markRouted = resolve));
  await page.routeWebSocket(/\/rpc\?/, (tab) => {
    const core = tab.connectToServer();
    toTab = (frame) => tab.send(frame);
    tab.onMessage((frame) => {
      const call = parse(frame);
      if (isObject(call) && typeof call.id === 'number' && typeof call.method === 'string') {
        methodOfCall.set(call.id, call.method);
        const change = changes.get(call.method);
        if (change) {
          changes.delete(call.method);
          changedCalls.set(call.id, change);
        }
      }
      core.send(frame);
    });
    core.onMessage((frame) => {
      const answer = parse(frame);
      if (isObject(answer) && typeof answer.id === 'number' && isObject(answer.result)) {
        const method = methodOfCall.get(answer.id);
        methodOfCall.delete(answer.id);
        const change = changedCalls.get(answer.id);
        changedCalls.delete(answer.id);
        if (answer.result.ok === true) {
          if (method !== undefined) answers.set(method, answer.result.value);
          if (change) {
            tab.send(JSON.stringify({ ...answer, result: { ok: true, value: change(answer.result.value) } }));
            return;
          }
        }
      }
      tab.send(frame);
    });
    markRouted();
  });
  await page.reload();
  await routed;
  return {
    push: (event, payload) => {
      if (!toTab) throw new Error('The tab has no socket to the core');
      toTab(JSON.stringify({ event, payload }));
    },
    changeNextAnswer: (method, change) => changes.set(method, change),
    lastAnswer: (method) => answers.get(method),
  };
}
