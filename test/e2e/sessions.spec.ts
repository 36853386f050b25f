/**
 * JIT sessions from the credential lists, against the lab's real PostgreSQL (started here, once
 * per worker): Start session, the session view (provisioning, Active, Close, Ended), Remote
 * sessions, a provisioning that fails, and Force close of a session that needs attention.
 * What the tests check on the server they check as the lab's superuser, with pg.
 */
import type { Locator, Page } from '@playwright/test';
import pg from 'pg';
import { startPostgres } from '../lab/postgres';
import type { RunningServer, SqlDetails } from '../lab/types';
import { viewGraceMs } from '../../shared/domain/session';
import { expect, test } from './fixtures';
import { importBundle } from './support/import-bundle';
import { openScreen } from './support/navigation';
import { openSecondTab } from './support/second-tab';
import { chooseDevice, chooseSearched, pick } from './support/pickers';
import { openTestOnDevice } from './support/template-editor';

let lab: RunningServer<SqlDetails>;
test.beforeAll(async () => {
  lab = await startPostgres();
});
test.afterAll(async () => {
  await lab.stop();
});

async function asAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const { host, port, adminUser, adminPassword, database } = lab.details;
  const client = new pg.Client({ host, port, user: adminUser, password: adminPassword, database });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const roleExists = (name: string) =>
  asAdmin(async (c) => (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount === 1);
const rolesLike = (prefix: string) =>
  asAdmin(
    async (c) =>
      (
        await c.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname LIKE $1', [
          `${prefix}%`,
        ])
      ).rows,
  );

/**
 * A "New user" template that half-succeeds: the role is created with the session's password (which
 * proves it ours to the rollback) and the product's marker (so the built-in deletion may drop it),
 * then a statement fails. The lifecycle must roll it back.
 */
const failingCreate = `CREATE ROLE "[#USERNAME#]" LOGIN PASSWORD '[#NEW_PASSWORD_SCRAM#]';
COMMENT ON ROLE "[#USERNAME#]" IS 'managed by jit-pam session [#SESSION_ID#]';
SELECT CAST('provisioning fails on purpose' AS integer);
`;

/** A "User delete" template that always fails: its session's cleanup cannot finish. */
const failingDrop = `SELECT CAST('cleanup fails on purpose' AS integer);
`;

/** The lab's device and two failing templates, imported as a bundle (as other specs seed). */
async function importLabDevice(page: Page, bundlePath: string) {
  const bundle = {
    devices: [
      {
        ref: 'd1',
        name: 'pg-lab',
        address: lab.details.host,
        type: 'Database',
        connectivity: [{ protocol: 'PostgreSQL', port: lab.details.port }],
      },
    ],
    templates: [
      {
        ref: 't1',
        name: 'Failing create role',
        pluginId: 'postgresql',
        executionType: 'New user',
        content: failingCreate,
      },
      {
        ref: 't2',
        name: 'Failing drop role',
        pluginId: 'postgresql',
        executionType: 'User delete',
        content: failingDrop,
      },
    ],
  };
  await importBundle(page, bundlePath, bundle, 'Imported 1 device, 2 templates and 0 credentials.');
}

async function openCredentials(page: Page, link: 'All' | 'Just In Time') {
  await openScreen(page, 'PAM Core', link);
}

async function newCredential(page: Page, username: string, password?: string, additionalInfo?: string) {
  await page.getByRole('button', { name: 'View actions' }).click();
  await page.getByRole('menuitem', { name: '+ New' }).click();
  const dialog = page.getByRole('dialog', { name: 'New credential' });
  await dialog.getByRole('textbox', { name: 'Username' }).fill(username);
  await chooseDevice(dialog, 'pg-lab');
  if (additionalInfo)
    await dialog.getByRole('textbox', { name: 'Additional information' }).fill(additionalInfo);
  if (password) await dialog.getByLabel('Password', { exact: true }).fill(password);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

/** The how-to's JIT Settings, for Creation and deletion on PostgreSQL as the lab's superuser. */
interface JitTemplates {
  create: string;
  delete?: string;
}

async function configureCreateDelete(page: Page, username: string, templates: JitTemplates) {
  await page.getByRole('button', { name: `Actions for ${username} @ pg-lab` }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit credential' });
  await dialog.getByRole('tab', { name: 'JIT Settings' }).click();
  await dialog.getByRole('checkbox', { name: 'Enabled' }).check();
  await dialog
    .getByRole('combobox', { name: 'Just In Time Type' })
    .selectOption({ label: 'Creation and deletion' });
  await chooseSearched(
    dialog,
    'Authentication credential',
    lab.details.adminUser,
    `${lab.details.adminUser} @ pg-lab`,
  );
  const section = dialog.getByRole('region', { name: 'Creation and deletion', exact: true });
  await pick(section, 'Credential creation plugin', 'PostgreSQL');
  await pick(section, 'Credential creation template', templates.create);
  await pick(section, 'Credential deletion plugin', 'PostgreSQL');
  await pick(section, 'Credential deletion template', templates.delete ?? builtInDrop);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

const builtInCreate = 'PostgreSQL: JIT create role';
const builtInDrop = 'PostgreSQL: JIT drop role';

/** The lab device, its superuser, and `users` as Creation and deletion credentials (by their templates). */
async function seed(page: Page, bundlePath: string, users: Record<string, JitTemplates>) {
  await importLabDevice(page, bundlePath);
  await openCredentials(page, 'All');
  await newCredential(page, lab.details.adminUser, lab.details.adminPassword, lab.details.database);
  for (const [username, templates] of Object.entries(users)) {
    await newCredential(page, username);
    await configureCreateDelete(page, username, templates);
  }
}

const sessionRegion = (page: Page) => page.getByRole('region', { name: 'Session' });
const field = (scope: Locator, label: string) => scope.locator(`dt:text-is("${label}") + dd`);

test('Start session on a Creation and deletion credential: Active as a generated role, Close, Ended, the role gone', async ({
  app,
  shell,
}, testInfo) => {
  // A second tab and the page's unload question need the browser host.
  test.skip(shell !== 'browser', 'Only the browser host is opened by address');
  test.slow();
  const { page } = app;
  await seed(page, testInfo.outputPath('bundle.json'), { jituser: { create: builtInCreate } });

  // The superuser has no JIT settings, but a stored password on a PostgreSQL device: its row offers
  // a plain session (terminal.spec.ts runs one).
  await openCredentials(page, 'All');
  await expect(
    page.getByRole('button', { name: `Start session for ${lab.details.adminUser} @ pg-lab` }),
  ).toBeEnabled();

  await openCredentials(page, 'Just In Time');
  await page.getByRole('button', { name: 'Start session for jituser @ pg-lab' }).click();

  // The session view: provisioning with its steps, then the session.
  await expect(page).toHaveURL(/#\/pam\/sessions\/[0-9a-f-]{36}$/);
  const session = sessionRegion(page);
  await expect(field(session, 'State')).toHaveText('Active');
  const account = (await field(session, 'Account used').textContent()) ?? '';
  expect(account).toMatch(/^senseg\d{7}$/);
  await expect(field(session, 'Device')).toHaveText('pg-lab');
  await expect(field(session, 'Time left')).toHaveText(/min/);
  expect(await roleExists(account)).toBe(true);
  const steps = page.getByRole('region', { name: 'Steps' });
  await expect(
    steps.getByRole('region', { name: /JIT creation: PostgreSQL: JIT create role/ }),
  ).toBeVisible();
  // The password is nowhere on the page: the step log shows it masked, and not even its verifier.
  await expect(steps).toContainText(`CREATE ROLE "${account}" LOGIN PASSWORD '******'`);
  await expect(page.locator('body')).not.toContainText('SCRAM-SHA-256$');

  // A second tab on Credentials > Just In Time sees the Session status follow, without a reload.
  const other = await openSecondTab(page);
  await openCredentials(other, 'Just In Time');
  const jitRow = other.getByRole('row', { name: /jituser/ });
  await expect(jitRow).toContainText('Active');

  // Leaving a live session's view asks first; Stay keeps it.
  await page
    .getByRole('navigation', { name: 'PAM Core menu' })
    .getByRole('link', { name: 'Just In Time' })
    .click();
  const leave = page.getByRole('dialog', { name: 'End the session and leave?' });
  await leave.getByRole('button', { name: 'Stay' }).click();
  await expect(leave).toBeHidden();
  await expect(field(session, 'State')).toHaveText('Active');
  await page.screenshot({ path: testInfo.outputPath('session-active.png'), fullPage: true });
  await testInfo.attach('Session view, Active', {
    path: testInfo.outputPath('session-active.png'),
    contentType: 'image/png',
  });

  // Closing the tab asks too (the browser's own question); dismissed, the tab stays.
  const asked = new Promise<string>((resolve) =>
    page.once('dialog', (dialog) => {
      resolve(dialog.type());
      void dialog.dismiss();
    }),
  );
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  await expect(field(session, 'State')).toHaveText('Active');

  await session.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(field(session, 'State')).toHaveText('Ended');
  await expect(session.getByText('The session ended and its account was cleaned up.')).toBeVisible();
  expect(await roleExists(account)).toBe(false);
  await expect(steps.getByRole('region', { name: /JIT deletion: PostgreSQL: JIT drop role/ })).toBeVisible();

  // Over: leaving no longer asks. Remote sessions lists it, found through the filter.
  await openScreen(page, 'PAM Core', 'Remote sessions');
  await expect(page.getByRole('heading', { level: 1, name: 'Remote sessions' })).toBeVisible();
  const filter = page.getByRole('form', { name: 'Sessions filter' });
  await filter.getByRole('textbox', { name: 'Text' }).fill(account);
  await filter.getByRole('button', { name: 'Filter' }).click();
  const grid = page.getByRole('grid', { name: 'Remote sessions' });
  const row = grid.getByRole('row', { name: new RegExp(account) });
  await expect(row).toContainText('Ended');
  await expect(row).toContainText('jituser @ pg-lab');
  await expect(grid.getByRole('row')).toHaveCount(2);

  // Its details: the steps and operations of both ends.
  await page.getByRole('button', { name: `Actions for ${account} @ pg-lab` }).click();
  await page.getByRole('menuitem', { name: 'Details' }).click();
  const details = page.getByRole('dialog', { name: `Session of ${account}` });
  await expect(details.getByRole('region', { name: /JIT creation/ })).toBeVisible();
  await expect(details.getByRole('region', { name: /JIT deletion/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('session-details.png'), fullPage: true });
  await testInfo.attach('Remote sessions, Details', {
    path: testInfo.outputPath('session-details.png'),
    contentType: 'image/png',
  });
  await details.getByRole('button', { name: 'Close' }).click();

  // The other tab's Session status went back to None by itself.
  await expect(jitRow).toContainText('None');
});

test('closing the tab of a live session ends it once no view of it comes back, and cleans up; a reload keeps it', async ({
  app,
  shell,
}, testInfo) => {
  test.skip(shell !== 'browser', 'Only the browser host has tabs (the window closing quits the app)');
  test.slow();
  const { page } = app;
  await seed(page, testInfo.outputPath('bundle.json'), { tabuser: { create: builtInCreate } });
  await openCredentials(page, 'Just In Time');
  await page.getByRole('button', { name: 'Start session for tabuser @ pg-lab' }).click();
  const session = sessionRegion(page);
  await expect(field(session, 'State')).toHaveText('Active');
  const account = (await field(session, 'Account used').textContent()) ?? '';
  expect(await roleExists(account)).toBe(true);

  // A reload is the view leaving and coming back on a new connection: the session goes on.
  await page.reload();
  const reloaded = Date.now();
  await expect(field(sessionRegion(page), 'State')).toHaveText('Active');

  // Another tab watches; the session's tab is closed without its question (a crash of the tab,
  // or the question answered Leave).
  const other = await openSecondTab(page);
  await openCredentials(other, 'Just In Time');
  const row = other.getByRole('row', { name: /tabuser/ });
  // Still Active once the reload's grace is over: what is asserted is that nothing happens in a
  // known window, so the rest of that window is waited out (no condition marks its end).
  await other.waitForTimeout(Math.max(0, viewGraceMs + 1_000 - (Date.now() - reloaded)));
  await expect(row).toContainText('Active');
  await page.close({ runBeforeUnload: false });
  // 15 s for a view to come back, then the cleanup.
  await expect(row).toContainText('None', { timeout: 60_000 });
  expect(await roleExists(account)).toBe(false);
  await openScreen(other, 'PAM Core', 'Remote sessions');
  const sessions = other.getByRole('grid', { name: 'Remote sessions' });
  await expect(sessions.getByRole('row', { name: new RegExp(account) })).toContainText('Ended');
  await other.getByRole('button', { name: `Actions for ${account} @ pg-lab` }).click();
  await other.getByRole('menuitem', { name: 'Details' }).click();
  await expect(other.getByRole('dialog', { name: `Session of ${account}` })).toContainText(
    'system (its view was closed)',
  );
});

test('a provisioning that fails shows the error and its log, starts no session, and leaves nothing on the target', async ({
  app,
}, testInfo) => {
  test.slow();
  const { page } = app;
  await seed(page, testInfo.outputPath('bundle.json'), { jitbad: { create: 'Failing create role' } });
  const before = await rolesLike('senseg');

  await openCredentials(page, 'Just In Time');
  await page.getByRole('button', { name: 'Start session for jitbad @ pg-lab' }).click();
  await expect(page.getByText('An error occurred while provisioning the credential.')).toBeVisible();
  await expect(sessionRegion(page)).toBeHidden();
  // The operation's masked log says which statement failed.
  const steps = page.getByRole('region', { name: 'Steps' });
  await expect(steps).toContainText('provisioning fails on purpose');
  // The half-made role was rolled back.
  await expect(steps.getByRole('region', { name: /JIT deletion/ })).toBeVisible();
  expect(await rolesLike('senseg')).toEqual(before);

  // Nothing to ask when leaving: there is no session.
  await openScreen(page, 'PAM Core', 'Remote sessions');
  const grid = page.getByRole('grid', { name: 'Remote sessions' });
  await expect(grid.getByRole('row', { name: /jitbad @ pg-lab/ })).toContainText('Failed');
});

test('a session whose cleanup fails needs attention; Force close requires a reason', async ({
  app,
}, testInfo) => {
  test.slow();
  const { page } = app;
  // One cleanup attempt: the failing deletion sends the session to Needs attention at once.
  await openScreen(page, 'Settings', 'General');
  await page.getByRole('spinbutton', { name: 'Maximum attempts' }).fill('1');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await seed(page, testInfo.outputPath('bundle.json'), {
    jitstuck: { create: builtInCreate, delete: 'Failing drop role' },
  });

  await openCredentials(page, 'Just In Time');
  await page.getByRole('button', { name: 'Start session for jitstuck @ pg-lab' }).click();
  const session = sessionRegion(page);
  await expect(field(session, 'State')).toHaveText('Active');
  const account = (await field(session, 'Account used').textContent()) ?? '';
  // Leaving the view ends the session, once confirmed; the answer waits for the cleanup, so the
  // dialog says it failed (true: it is recorded so) before the person leaves.
  await page
    .getByRole('navigation', { name: 'PAM Core menu' })
    .getByRole('link', { name: 'Just In Time' })
    .click();
  const leave = page.getByRole('dialog', { name: 'End the session and leave?' });
  await leave.getByRole('button', { name: 'End session and leave' }).click();
  await expect(leave.getByRole('alert')).toContainText(`The cleanup of ${account} failed`);
  await expect(leave.getByRole('alert')).toContainText('cleanup fails on purpose');
  await leave.getByRole('button', { name: 'Leave', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Credentials — Just In Time' })).toBeVisible();
  // Its cleanup fails: the list's Session status says so.
  await expect(page.getByRole('row', { name: /jitstuck/ })).toContainText('Needs attention');

  await openScreen(page, 'PAM Core', 'Remote sessions');
  const filter = page.getByRole('form', { name: 'Sessions filter' });
  await filter.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Needs attention' });
  await filter.getByRole('button', { name: 'Filter' }).click();
  const grid = page.getByRole('grid', { name: 'Remote sessions' });
  await expect(grid.getByRole('row', { name: new RegExp(account) })).toContainText('Needs attention');
  // Its details show why: the deletion's masked log.
  await page.getByRole('button', { name: `Actions for ${account} @ pg-lab` }).click();
  await page.getByRole('menuitem', { name: 'Details' }).click();
  const details = page.getByRole('dialog', { name: `Session of ${account}` });
  await expect(details.getByRole('region', { name: /JIT deletion: Failing drop role/ })).toContainText(
    'cleanup fails on purpose',
  );
  await details.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: `Actions for ${account} @ pg-lab` }).click();
  await page.getByRole('menuitem', { name: 'Force close' }).click();
  const dialog = page.getByRole('dialog', { name: 'Force close the session' });
  const reason = dialog.getByRole('textbox', { name: 'Reason' });
  // No reason: refused beside the field, nothing sent.
  await dialog.getByRole('button', { name: 'Force close' }).click();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription(/at least 10 characters/);
  await reason.fill('The role is dropped by hand by the DBA, ticket 4711');
  await dialog.getByRole('button', { name: 'Force close' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('status').filter({ hasText: `Force closed the session of ${account}` }),
  ).toBeVisible();
  // The filter is Needs attention: the row leaves once the page is read again; Clear shows it Force closed.
  await filter.getByRole('button', { name: 'Clear' }).click();
  await expect(grid.getByRole('row', { name: new RegExp(account) })).toContainText('Force closed');
  // Force close runs no cleanup: the role is still there, as the dialog warned. The test drops it.
  expect(await roleExists(account)).toBe(true);
  await asAdmin((c) => c.query(`DROP ROLE "${account}"`));
});

test('Test on a device of the creation template leaves its role, says so, and the offered Delete drops it', async ({
  app,
}, testInfo) => {
  test.slow();
  const { page } = app;
  await seed(page, testInfo.outputPath('bundle.json'), {});

  const dialog = await openTestOnDevice(page, 'PostgreSQL', builtInCreate);
  await pick(dialog, 'Device', `pg-lab (${lab.details.host})`);
  await expect(dialog.getByRole('combobox', { name: 'Run as' })).toHaveValue(
    `${lab.details.adminUser} @ pg-lab`,
  );
  await dialog.getByRole('button', { name: 'Run test' }).click();

  // The result says the role is still there, and it is, on the server.
  const note = dialog.getByRole('note', { name: 'Account left on the device' });
  await expect(note).toContainText(
    /^The account senseg\d{7} was created on pg-lab \(127\.0\.0\.1\) and is still there\./,
  );
  const account = /senseg\d{7}/.exec(await note.innerText())?.[0] ?? '';
  expect(await roleExists(account)).toBe(true);

  // The plugin's deletion template is offered first; its run drops the role.
  await expect(
    note.getByRole('combobox', { name: 'Deletion template' }).locator('option:checked'),
  ).toHaveText(builtInDrop);
  await note.getByRole('button', { name: `Delete ${account}` }).click();
  const removal = dialog.getByRole('region', { name: new RegExp(`^Operation: ${builtInDrop} v\\d+$`) });
  await expect(removal.getByText('Successful', { exact: true })).toBeVisible();
  await expect(removal).toContainText(`Account ${account}`);
  await expect(note).toBeHidden();
  expect(await roleExists(account)).toBe(false);
});
