/**
 * JIT sessions through the real core against the lab's real sshd (Linux accounts), with the
 * built-in Linux templates as root (its key) and in their sudo forms: the account logs in with
 * OpenSSH's own client while the session is Active; the end ends its live login, and the account
 * is gone (Creation and deletion) or refused (Enable/Disable).
 */
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionSecretRef } from '../../../electron/lifecycle/session-lifecycle';
import type { Session } from '../../../shared/domain/session';
import { randomPassword } from '../../lab/secrets';
import {
  createAccount,
  jitName,
  removeAccounts,
  rootClient,
  sshClose,
  sshLab,
  sshRun,
  q,
} from '../plugins/ssh/support';
import { callCore } from '../support/postgres-lab-core';
import { ChosenNames, openSessionCore, untilState, type SessionCore } from '../support/session-core';
import {
  linuxAccountExists,
  openSshSession,
  seedSshLab,
  seedSudoAdmin,
  sshClientLogin,
  within,
  type SshLabCore,
} from '../support/ssh-lab-core';

let sc: SessionCore;
let lab: SshLabCore;
let root: Client;
let sudoAdminId = 0;
/** Linux accounts a test made or may have left: removed at the end whatever happened. */
const accounts = new Set<string>();

const names = new ChosenNames();
/**
 * Each Linux template step is a command in root's shell: about 0.2 s on an idle machine, seconds
 * on a loaded CI runner. The waits and the tests' timeouts leave room for that.
 */
const sshWaitMs = 90_000;
const sshTestMs = 180_000;

beforeAll(async () => {
  root = await rootClient(sshLab());
  sc = await openSessionCore('jit-sessions-ssh-', { randomInt: names.randomInt });
  lab = await seedSshLab(sc.core);
  const sudoAdmin = jitName();
  accounts.add(sudoAdmin);
  sudoAdminId = await seedSudoAdmin(sc.core, root, lab.deviceId, sudoAdmin, randomPassword());
});

afterAll(async () => {
  try {
    await sc.close();
  } finally {
    await removeAccounts(root, [...accounts]);
    await sshClose(root);
  }
});

const forms = [
  { form: 'as root with its key', authId: () => lab.rootId, prefix: 'Linux: ' },
  { form: 'through sudo', authId: () => sudoAdminId, prefix: 'Linux: via sudo, ' },
];

describe.each(forms)('JIT sessions against the real sshd, $form', ({ form, authId, prefix }) => {
  const call = (method: Parameters<typeof callCore>[1], input: unknown) => callCore(sc.core, method, input);

  it(
    'Creation and deletion: the account logs in with ssh while Active; the end ends its login and deletes it',
    async () => {
      const credential = (await call('credentials.save', {
        credential: {
          username: `ops ${form}`.replaceAll(' ', '-'),
          type: 'Local user',
          deviceId: lab.deviceId,
          jit: {
            enabled: true,
            type: 'create_delete',
            authCredentialId: authId(),
            createPluginId: 'ssh',
            createTemplateId: lab.templateId(`${prefix}create JIT account`),
            deletePluginId: 'ssh',
            deleteTemplateId: lab.templateId(`${prefix}delete JIT account`),
          },
        },
        password: { action: 'keep' },
      })) as { id: number };

      const started = (await call('sessions.start', { credentialId: credential.id })) as Session;
      accounts.add(started.account);
      const active = await untilState(sc.core, started.id, 'active', sshWaitMs);
      const password = sc.core.vault.get(sessionSecretRef(active.id));
      // Logged in with ssh as the new account (id -un), and staying logged in.
      const live = await openSshSession(active.account, password);

      await call('sessions.end', { id: active.id });
      await untilState(sc.core, active.id, 'ended', sshWaitMs);
      // The cleanup ended the live login (userdel refuses an account with processes).
      await within(live.exited, 30_000, 'the live ssh login ending');
      expect(await linuxAccountExists(root, active.account)).toBe(false);
      expect(await sshClientLogin(active.account, password)).toBe('refused');
      expect(sc.core.vault.has(sessionSecretRef(active.id))).toBe(false);
    },
    sshTestMs,
  );

  it(
    'Enable/Disable: the account logs in with ssh only while the session is Active',
    async () => {
      const account = jitName();
      const password = randomPassword();
      accounts.add(account);
      await createAccount(root, account, password);
      // Disabled as the built-in disable leaves it: locked and expired.
      await sshRun(root, `usermod -L -e 1 ${q(account)}`);
      expect(await sshClientLogin(account, password)).toBe('refused');
      const credential = (await call('credentials.save', {
        credential: {
          username: account,
          type: 'Local user',
          deviceId: lab.deviceId,
          jit: {
            enabled: true,
            type: 'enable_disable',
            authCredentialId: authId(),
            enablePluginId: 'ssh',
            enableTemplateId: lab.templateId(`${prefix}enable account`),
            disablePluginId: 'ssh',
            disableTemplateId: lab.templateId(`${prefix}disable account`),
          },
        },
        password: { action: 'set', value: password },
      })) as { id: number };

      const started = (await call('sessions.start', { credentialId: credential.id })) as Session;
      await untilState(sc.core, started.id, 'active', sshWaitMs);
      // Logged in with ssh as the account (id -un), and staying logged in.
      const live = await openSshSession(account, password);

      await call('sessions.end', { id: started.id });
      await untilState(sc.core, started.id, 'ended', sshWaitMs);
      await within(live.exited, 30_000, 'the live ssh login ending');
      expect(await sshClientLogin(account, password)).toBe('refused');
      expect(await linuxAccountExists(root, account)).toBe(true);
    },
    sshTestMs,
  );
});

describe('JIT sessions against the real sshd: whose account', () => {
  it(
    'Creation and deletion refuses a generated name an unmanaged account has, and leaves it untouched',
    async () => {
      const existing = await names.choose(sc.core);
      const password = randomPassword();
      accounts.add(existing);
      await createAccount(root, existing, password);
      // The account as Linux keeps it: its passwd and shadow lines (password hash, lock, expiry).
      const snapshot = () => sshRun(root, `getent passwd ${q(existing)}; getent shadow ${q(existing)}`);
      const before = await snapshot();
      const credential = (await callCore(sc.core, 'credentials.save', {
        credential: {
          username: 'collide',
          type: 'Local user',
          deviceId: lab.deviceId,
          jit: {
            enabled: true,
            type: 'create_delete',
            authCredentialId: lab.rootId,
            createPluginId: 'ssh',
            createTemplateId: lab.templateId('Linux: create JIT account'),
            deletePluginId: 'ssh',
            deleteTemplateId: lab.templateId('Linux: delete JIT account'),
          },
        },
        password: { action: 'keep' },
      })) as { id: number };

      const started = (await callCore(sc.core, 'sessions.start', { credentialId: credential.id })) as Session;
      expect(started.account).toBe(existing);
      const failed = await untilState(sc.core, started.id, 'failed', sshWaitMs);
      expect(failed.error).toMatch(/exists already .* left untouched/);
      await sc.core.sessions.idle();

      expect(await snapshot()).toBe(before);
      expect(await sshClientLogin(existing, password)).toBe('ok');
    },
    sshTestMs,
  );
});
