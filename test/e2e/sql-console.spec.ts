/**
 * The SQL console of a PostgreSQL session, against the lab's real PostgreSQL (started here): Start
 * session on an Enable/Disable credential from Credentials > Just In Time, run `select current_user`
 * and see the role in the grid, a bad statement shows the server's error, Close, and the role can
 * no longer log in; Remote sessions' Details show the transcript. Then a plain session (a credential
 * without JIT) on a device that also lists SSH: Start session asks which protocol (the credential
 * names a database, so PostgreSQL first), Cancel starts nothing, PostgreSQL opens the SQL console as
 * the role, and Close leaves the role as it was. What the tests check on the server they check as
 * the lab's superuser, with pg.
 */
import type { Locator, Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startPostgres } from '../lab/postgres';
import { startSsh } from '../lab/ssh';
import { uniqueName } from '../lab/names';
import { randomPassword } from '../lab/secrets';
import type { RunningServer, SqlDetails } from '../lab/types';
import { expect, test } from './fixtures';
import { routeCoreSocket, type CoreSocket } from './support/core-socket';
import { importBundle } from './support/import-bundle';
import { openScreen } from './support/navigation';
import { chooseDevice, chooseSearched, pick } from './support/pickers';

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

/** Whether `user` logs in with `password` (a NOLOGIN role is refused). */
async function canLogIn(user: string, password: string): Promise<boolean> {
  const { host, port, database } = lab.details;
  const client = new pg.Client({ host, port, user, password, database });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

interface Connectivity {
  protocol: string;
  port: number;
}

/** The lab's device, imported as a bundle (as the other specs seed); `also` lists more protocols. */
async function importLabDevice(page: Page, bundlePath: string, also: Connectivity[] = []) {
  const bundle = {
    devices: [
      {
        ref: 'd1',
        name: 'pg-lab',
        address: lab.details.host,
        type: 'Database',
        connectivity: [{ protocol: 'PostgreSQL', port: lab.details.port }, ...also],
      },
    ],
  };
  await importBundle(page, bundlePath, bundle, 'Imported 1 device');
}

async function newCredential(page: Page, username: string, password: string) {
  await page.getByRole('button', { name: 'View actions' }).click();
  await page.getByRole('menuitem', { name: '+ New' }).click();
  const dialog = page.getByRole('dialog', { name: 'New credential' });
  await dialog.getByRole('textbox', { name: 'Username' }).fill(username);
  await chooseDevice(dialog, 'pg-lab');
  await dialog.getByRole('textbox', { name: 'Additional information' }).fill(lab.details.database);
  await dialog.getByLabel('Password', { exact: true }).fill(password);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

/** JIT Settings: Enable/Disable with the built-in PostgreSQL templates, as the lab's superuser. */
async function configureEnableDisable(page: Page, username: string) {
  await page.getByRole('button', { name: `Actions for ${username} @ pg-lab` }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit credential' });
  await dialog.getByRole('tab', { name: 'JIT Settings' }).click();
  await dialog.getByRole('checkbox', { name: 'Enabled' }).check();
  await dialog.getByRole('combobox', { name: 'Just In Time Type' }).selectOption({ label: 'Enable/Disable' });
  await chooseSearched(
    dialog,
    'Authentication credential',
    lab.details.adminUser,
    `${lab.details.adminUser} @ pg-lab`,
  );
  const section = dialog.getByRole('region', { name: 'Enable/Disable', exact: true });
  await pick(section, 'Credential enable plugin', 'PostgreSQL');
  await pick(section, 'Credential enable template', 'PostgreSQL: JIT enable role');
  await pick(section, 'Credential disable plugin', 'PostgreSQL');
  await pick(section, 'Credential disable template', 'PostgreSQL: JIT disable role');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

const field = (scope: Locator, label: string) => scope.locator(`dt:text-is("${label}") + dd`);

/**
 * An open row menu outlives its row: while it is open, the grid drops the row and shows it again (a
 * page read again without it, then with it, each read caused by a pushed new session), and the menu
 * stays. The grid is behind the menu's backdrop (hidden to roles), so its rows are found by CSS.
 */
async function dropAndShowAgain(page: Page, core: CoreSocket, role: string) {
  const listed = (core.lastAnswer('sessions.list') as { sessions: object[] } | undefined)?.sessions[0];
  if (listed === undefined) throw new Error('No page of sessions was read');
  const row = page.locator('[role="grid"] [role="row"]', { hasText: role });
  core.changeNextAnswer('sessions.list', () => ({ sessions: [], total: 0 }));
  core.push('sessions.changed', { ...listed, id: randomUUID() });
  await expect(row).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: 'Details' })).toBeVisible();
  core.push('sessions.changed', { ...listed, id: randomUUID() });
  await expect(row).toHaveCount(1);
  await expect(page.getByRole('menuitem', { name: 'Details' })).toBeVisible();
}

test('SQL console: select current_user as the Enable/Disable role, a bad statement shows the error, Close disables the role', async ({
  app,
  shell,
}, testInfo) => {
  test.slow();
  const { page } = app;
  const role = uniqueName('sqlcon');
  const password = randomPassword();
  await asAdmin((c) => c.query(`CREATE ROLE "${role}" NOLOGIN PASSWORD '${password}'`));
  try {
    await importLabDevice(page, testInfo.outputPath('bundle.json'));
    await openScreen(page, 'PAM Core', 'All');
    await newCredential(page, lab.details.adminUser, lab.details.adminPassword);
    await newCredential(page, role, password);
    await configureEnableDisable(page, role);

    await openScreen(page, 'PAM Core', 'Just In Time');
    await page.getByRole('button', { name: `Start session for ${role} @ pg-lab` }).click();
    const session = page.getByRole('region', { name: 'Session' });
    await expect(field(session, 'State')).toHaveText('Active');
    expect(await canLogIn(role, password)).toBe(true);

    const sqlConsole = page.getByRole('region', { name: 'SQL console' });
    const editor = sqlConsole.getByRole('textbox', { name: 'SQL statement' });
    await editor.click();
    await page.keyboard.type('select current_user');
    // A long comment pasted after it: the transcript folds it (below).
    const comment = ` /* ${'x'.repeat(2_100)} */`;
    await page.keyboard.insertText(comment);
    await sqlConsole.getByRole('button', { name: 'Run' }).click();
    const grid = sqlConsole.getByRole('grid', { name: 'Results' });
    await expect(grid.getByRole('columnheader', { name: 'current_user' })).toBeVisible();
    await expect(grid.getByRole('gridcell', { name: role })).toBeVisible();
    await expect(sqlConsole.getByLabel('Result summary')).toContainText('SELECT 1');

    // A bad statement, run with Ctrl+Enter: the server's message, where it points.
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('selec 1');
    await page.keyboard.press('Control+Enter');
    const error = sqlConsole.getByRole('alert');
    await expect(error).toContainText('syntax error at or near "selec"');
    await expect(error).toContainText('at line 1, column 1');

    // What the server says beside a result is shown, in a live region screen readers announce.
    await editor.click();
    await page.keyboard.press('Control+A');
    // A bidirectional override in it is named, not obeyed (it would show the text reversed).
    await page.keyboard.type(
      "DO $$ BEGIN RAISE NOTICE 'hello from % %', current_user, chr(8238) || 'rlo'; END $$",
    );
    await page.keyboard.press('Control+Enter');
    const notices = sqlConsole.getByRole('status', { name: 'Server notices' });
    await expect(notices).toContainText(`hello from ${role} ⟨U+202E⟩rlo`);
    await expect(notices).toHaveAttribute('aria-live', 'polite');
    // The password is nowhere on the page.
    await expect(page.locator('body')).not.toContainText(password);
    await page.screenshot({ path: testInfo.outputPath('sql-console.png'), fullPage: true });
    await testInfo.attach('SQL console', {
      path: testInfo.outputPath('sql-console.png'),
      contentType: 'image/png',
    });

    await session.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(field(session, 'State')).toHaveText('Ended');
    await expect(sqlConsole).toBeHidden();
    expect(await canLogIn(role, password)).toBe(false);

    // Remote sessions > Details: the transcript of what the console ran, in order.
    const core = shell === 'browser' ? await routeCoreSocket(page) : undefined;
    await openScreen(page, 'PAM Core', 'Remote sessions');
    await page.getByRole('button', { name: `Actions for ${role} @ pg-lab` }).click();
    const details = page.getByRole('menuitem', { name: 'Details' });
    await expect(details).toBeVisible();
    if (core) await dropAndShowAgain(page, core, role);
    await details.click();
    const detailsDialog = page.getByRole('dialog', { name: `Session of ${role}` });
    const transcript = detailsDialog.getByRole('list', { name: 'SQL transcript' });
    await expect(transcript.getByRole('listitem')).toHaveCount(6);
    const first = transcript.getByRole('listitem').nth(0);
    await expect(first).toContainText('select current_user');
    // Folded at 2,000 characters until Show all.
    await expect(first).not.toContainText(comment);
    await first.getByRole('button', { name: 'Show all (126 more characters)' }).click();
    await expect(first).toContainText(`select current_user${comment}`);
    await expect(transcript.getByRole('listitem').nth(1)).toContainText('SELECT 1, 1 row(s)');
    await expect(transcript.getByRole('listitem').nth(2)).toContainText('selec 1');
    await expect(transcript.getByRole('listitem').nth(3)).toContainText('syntax error at or near "selec"');
    await expect(transcript.getByRole('listitem').nth(4)).toContainText('RAISE NOTICE');
    await detailsDialog.getByRole('button', { name: 'Close' }).click();
  } finally {
    await asAdmin((c) => c.query(`DROP ROLE IF EXISTS "${role}"`));
  }
});

test('Start session on a plain credential of a device with SSH and PostgreSQL: the protocol asked, Cancel starts nothing, PostgreSQL opens the SQL console as the role and Close changes nothing', async ({
  app,
}, testInfo) => {
  test.slow();
  const { page } = app;
  // The device lists the lab's sshd beside PostgreSQL, as a real server would; only PostgreSQL is used.
  const ssh = await startSsh();
  const role = uniqueName('sqlplain');
  const password = randomPassword();
  await asAdmin((c) => c.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}'`));
  try {
    await importLabDevice(page, testInfo.outputPath('bundle.json'), [
      { protocol: 'SSH', port: ssh.details.port },
    ]);
    await openScreen(page, 'PAM Core', 'All');
    // No JIT settings: a plain session, as the role itself. Its Additional information names a database.
    await newCredential(page, role, password);

    // The credential names a database: PostgreSQL is offered first, and selected.
    const startButton = page.getByRole('button', { name: `Start session for ${role} @ pg-lab` });
    await startButton.click();
    const choice = page.getByRole('dialog', { name: 'Start session' });
    const radios = choice.getByRole('radio');
    await expect(radios).toHaveCount(2);
    await expect(radios.nth(0)).toHaveAccessibleName('PostgreSQL: an SQL console');
    await expect(radios.nth(1)).toHaveAccessibleName('SSH: a terminal');
    await expect(radios.nth(0)).toBeChecked();
    await expect(radios.nth(1)).not.toBeChecked();
    await expect(choice).toContainText(`${role} @ pg-lab can open a session in several ways.`);

    // Cancel: the dialog closes, the list stays, and no session was started.
    await choice.getByRole('button', { name: 'Cancel' }).click();
    await expect(choice).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: 'Credentials — All' })).toBeVisible();
    await openScreen(page, 'PAM Core', 'Remote sessions');
    await expect(page.getByRole('grid', { name: 'Remote sessions' })).toContainText('No sessions yet.');

    // Again, keeping PostgreSQL: the SQL console, logged in as the role.
    await openScreen(page, 'PAM Core', 'All');
    await startButton.click();
    await expect(choice.getByRole('radio', { name: 'PostgreSQL: an SQL console' })).toBeChecked();
    await choice.getByRole('button', { name: 'Start session' }).click();
    await expect(choice).toBeHidden();
    const session = page.getByRole('region', { name: 'Session' });
    await expect(field(session, 'State')).toHaveText('Active');
    await expect(field(session, 'Account used')).toHaveText(role);
    await expect(session.getByRole('region', { name: 'Terminal' })).toBeHidden();
    const sqlConsole = page.getByRole('region', { name: 'SQL console' });
    await sqlConsole.getByRole('textbox', { name: 'SQL statement' }).click();
    await page.keyboard.type('select current_user');
    await sqlConsole.getByRole('button', { name: 'Run' }).click();
    const grid = sqlConsole.getByRole('grid', { name: 'Results' });
    await expect(grid.getByRole('columnheader', { name: 'current_user' })).toBeVisible();
    await expect(grid.getByRole('gridcell', { name: role })).toBeVisible();
    await expect(page.locator('body')).not.toContainText(password);

    await session.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(field(session, 'State')).toHaveText('Ended');
    await expect(session.getByText(/It was a plain session: nothing was enabled or created/)).toBeVisible();
    await expect(sqlConsole).toBeHidden();

    await openScreen(page, 'PAM Core', 'Remote sessions');
    const sessions = page.getByRole('grid', { name: 'Remote sessions' });
    await expect(sessions.getByRole('row', { name: new RegExp(`${role} @ pg-lab`) })).toContainText('Ended');
    await expect(sessions.getByRole('row')).toHaveCount(2);
    // A plain session changes nothing: the role is still there and still logs in.
    expect(await canLogIn(role, password)).toBe(true);
  } finally {
    await asAdmin((c) => c.query(`DROP ROLE IF EXISTS "${role}"`));
    await ssh.stop();
  }
});
