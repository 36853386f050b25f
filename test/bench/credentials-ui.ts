// `npx tsx test/bench/credentials-ui.ts [--keep] [--devices 1000] [--credentials 10000]`: Credentials > All at 10,000 credentials on
// 1,000 devices, on the real browser host driven by Debian's Chromium. Seeds a temp data dir
// (seed.ts), builds if the sources changed, starts `dist/electron/serve.js`, and reports medians:
//   first render  click on PAM Core > Credentials > All (the app already loaded on another screen)
//                 until the first credential row is on screen;
//   cold load     opening the printed address (the list is the start page) until the same;
//   filter        a user name typed, Filter pressed, until the grid shows the filtered rows;
//   save          `credentials.save` of one existing credential over the WebSocket, round trip.
// Times are taken inside the page (performance.now(), polled once per frame), so Playwright's own
// round trips do not count. It asserts nothing; --keep leaves the data dir for a closer look.
import { rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type ElementHandle, type Page } from 'playwright-core';
import { buildIfStale } from '../../scripts/build.mjs';
import type { CredentialInput } from '../../shared/domain/credential';
import { startHost } from '../e2e/support/host-process';
import { seed } from './seed';
import { median, ms, report } from './stats';
import { connectRpc, valueOf, type RpcClient } from './ws-client';

const runs = { render: 10, filter: 20, save: 30 };
const targets = { render: 500, filter: 100, save: 50 };
const filterValues = ['deploy', 'app_ro', 'jdoe', 'netops', 'wordpress', 'helpdesk', 'reporting', 'kwong'];

/** A credential row of the list (group header rows are `device-…`). */
const rowSelector = '[role="grid"][aria-label="Credentials"] [role="row"][data-id^="credential-"]';

declare global {
  interface Window {
    __benchFirstRowAt?: number;
    __benchClickUntil: (element: unknown, until: { firstId?: number; username?: string }) => Promise<number>;
  }
}

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  const size = { devices: numberArg('--devices', 1000), credentials: numberArg('--credentials', 10_000) };
  console.log(`Seeding ${size.devices} devices and ${size.credentials} credentials…`);
  const seeded = await seed(size);
  console.log(`seed import: ${ms(seeded.importMs)} (${seeded.dataDir})`);
  await buildIfStale();

  const host = await startHost(seeded.dataDir, seeded.passphraseFile);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  const rpc = await connectRpc(host.url);
  try {
    const render = await measureRender(browser, host.url);
    const filter = await measureFilter(browser, host.url, rpc);
    const save = await measureSave(rpc);
    const core = await measureCoreList(rpc);
    // Wall-clock figures: on a busy machine the browser and the host share the CPUs with the rest.
    const [load] = loadavg();
    console.log(`machine: ${availableParallelism()} CPUs, load average ${(load ?? 0).toFixed(1)}`);
    console.log(report('first render', median(render.first), targets.render));
    console.log(`cold load: ${ms(median(render.cold))} (opening the address; the list is the start page)`);
    console.log(report('filter', median(filter), targets.filter));
    console.log(report('save', median(save), targets.save));
    console.log(
      `core alone, credentials.list over the WebSocket: first page ${ms(core.unfiltered)}, ` +
        `username filter ${ms(core.filtered)}`,
    );
  } finally {
    rpc.close();
    await browser.close();
    await host.stop();
    if (keep) console.log(`kept ${seeded.dataDir}`);
    else {
      rmSync(seeded.dataDir, { recursive: true, force: true });
      rmSync(dirname(seeded.passphraseFile), { recursive: true, force: true });
    }
  }
}

function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

/** Each run in a fresh browser context: nothing cached, no page kept in the renderer's store. */
async function measureRender(browser: Browser, url: string): Promise<{ cold: number[]; first: number[] }> {
  const cold: number[] = [];
  const first: number[] = [];
  for (let i = 0; i < runs.render; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript({ content: pageHelpers });
    const page = await context.newPage();
    await page.goto(url);
    const loaded = await explained(
      page,
      page.waitForFunction(() => window.__benchFirstRowAt, undefined, { timeout: 60_000 }),
    );
    cold.push(Number(await loaded.jsonValue()));

    // Start the app again on another PAM Core screen (a reload keeps the tab's token), so the
    // list's first render is measured from the side menu, with an empty store.
    await page.evaluate(() => (window.location.hash = '#/pam/settings'));
    await page.reload();
    const menu = page.getByRole('navigation', { name: 'PAM Core menu' });
    const all = menu.getByRole('link', { name: 'All', exact: true });
    await explained(page, all.waitFor({ state: 'visible', timeout: 60_000 }));
    first.push(await clickUntil(page, await all.elementHandle(), {}));
    await context.close();
  }
  return { cold, first };
}

async function measureFilter(browser: Browser, url: string, rpc: RpcClient): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript({ content: pageHelpers });
  const page = await context.newPage();
  await page.goto(url);
  await explained(
    page,
    page.waitForFunction(() => window.__benchFirstRowAt, undefined, { timeout: 60_000 }),
  );
  const username = page.getByRole('textbox', { name: 'Username' });
  const button = await page.getByRole('button', { name: 'Filter', exact: true }).elementHandle();
  // The list the grid must end up showing for each value, as the core answers the store's query.
  const expected: { text: string; firstId: number }[] = [];
  for (const text of filterValues) {
    const page1 = valueOf(
      await rpc.call('credentials.list', { filter: { username: text }, limit: 25 }),
      'list',
    );
    const firstId = page1.rows[0]?.id;
    if (firstId !== undefined) expected.push({ text, firstId });
  }
  if (expected.length < 2) throw new Error('the seeded data has too few distinct user names to filter by');
  const samples: number[] = [];
  for (let i = 0; i < runs.filter; i++) {
    const next = expected[i % expected.length];
    if (!next) break;
    const { text, firstId } = next;
    await username.fill(text);
    samples.push(await clickUntil(page, button, { firstId, username: text }));
  }
  await context.close();
  return samples;
}

/** A wait that, when it times out, says what the page shows instead (an error, the unlock screen). */
async function explained<T>(page: Page, waiting: Promise<T>): Promise<T> {
  try {
    return await waiting;
  } catch (error) {
    const shown = await page
      .locator('body')
      .innerText()
      .catch(() => '(page unreadable)');
    const path = '/tmp/jit-bench-failure.png';
    await page.screenshot({ path }).catch(() => undefined);
    throw new Error(
      `${error instanceof Error ? error.message : 'failed'}\nThe page shows (screenshot ${path}):\n${shown.slice(0, 800)}`,
    );
  }
}

/** One existing credential saved with a changed field, 30 times: the round trip of each. */
async function measureSave(rpc: RpcClient): Promise<number[]> {
  const list = valueOf(
    await rpc.call('credentials.list', { filter: { jit: 'no', status: 'Active' }, limit: 1 }),
    'list',
  );
  const row = list.rows[0];
  if (!row) throw new Error('no credential to save');
  const { username, type, deviceId, domain, additionalInfo, status, tags, jit } = row;
  const fields: CredentialInput = { username, type, deviceId, domain, additionalInfo, status, tags, jit };
  const samples: number[] = [];
  for (let i = 0; i < runs.save; i++) {
    const credential = { ...fields, additionalInfo: `bench ${i}` };
    const started = performance.now();
    valueOf(
      await rpc.call('credentials.save', { id: row.id, credential, password: { action: 'keep' } }),
      'save',
    );
    samples.push(performance.now() - started);
  }
  return samples;
}

/** The core's share: the same list calls the screen makes, without the renderer. */
async function measureCoreList(rpc: RpcClient): Promise<{ unfiltered: number; filtered: number }> {
  const time = async (input: Parameters<RpcClient['call']>[1]) => {
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      valueOf(await rpc.call('credentials.list', input as never), 'list');
      samples.push(performance.now() - started);
    }
    return median(samples);
  };
  return {
    unfiltered: await time({ limit: 25 }),
    filtered: await time({ filter: { username: 'deploy' }, limit: 25 }),
  };
}

// ---- Run inside the page ----
// Plain script text, not functions: tsx compiles this file with esbuild's keepNames, which wraps
// named functions in a `__name(…)` helper the page does not have.

/** Installed before the app's scripts in every document of a context. */
const pageHelpers = `
(() => {
  const rowSelector = ${JSON.stringify(rowSelector)};
  const started = performance.now();
  // The first frame in which a credential row exists (cold load).
  const watch = () => {
    if (document.querySelector(rowSelector)) window.__benchFirstRowAt = performance.now();
    else if (performance.now() - started < 60000) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);

  // Clicks el, resolves with the ms until the first frame where the grid shows what is expected:
  // a credential row; with firstId, that one first; with username, only rows containing it.
  window.__benchClickUntil = (el, until) =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      const done = () => {
        const rows = [...document.querySelectorAll(rowSelector)];
        if (rows.length === 0) return false;
        if (until.firstId !== undefined && rows[0].getAttribute('data-id') !== 'credential-' + until.firstId) return false;
        if (until.username === undefined) return true;
        return rows.every((r) => (r.querySelector('[data-field="username"]')?.textContent ?? '').includes(until.username));
      };
      const tick = () => {
        if (done()) resolve(performance.now() - t0);
        else if (performance.now() - t0 > 30000) reject(new Error('timed out waiting for the grid'));
        else requestAnimationFrame(tick);
      };
      el.click();
      requestAnimationFrame(tick);
    });
})();
`;

interface Until {
  /** The filtered list: its first credential, and the text every shown user name contains. */
  readonly firstId?: number;
  readonly username?: string;
}

/** Clicks `element` and returns the ms until the first frame where the grid shows `until`. */
async function clickUntil(page: Page, element: ElementHandle | null, until: Until): Promise<number> {
  if (!element) throw new Error('nothing to click');
  return page.evaluate(([el, u]) => window.__benchClickUntil(el, u), [element, until] as const);
}

await main();
