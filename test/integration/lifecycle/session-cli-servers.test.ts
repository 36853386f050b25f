/**
 * `npm run session` (runSessionCli, in process) against the lab's real sshd, MariaDB and OpenLDAP,
 * as session-cli.test.ts does against PostgreSQL: an unknown credential exits 2; start by
 * user@device exits 0 with the generated account Active on the target; end exits 0 with it gone;
 * ending it again exits 1.
 */
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSessionCli } from '../../../electron/cli/session-cli';
import type { Core } from '../../../electron/core/compose';
import type { PluginId } from '../../../shared/domain/plugin';
import { labDetails } from '../../lab/inject';
import { deleteEntries, closeAdmin, entryFacts } from '../plugins/ldap/support';
import { removeAccounts, rootClient, sshClose, sshLab } from '../plugins/ssh/support';
import { seedLdapLab } from '../support/ldap-lab-core';
import { dropMariadbAccounts, mariadbAccountExists, seedMariadbLab } from '../support/mariadb-lab-core';
import { callCore } from '../support/postgres-lab-core';
import { builtInTemplateId, openSessionCore, type SessionCore } from '../support/session-core';
import { linuxAccountExists, seedSshLab } from '../support/ssh-lab-core';

let root: Client;
/** Each Linux template step is a command in root's shell: seconds each on a loaded CI runner. */
const testMs = 180_000;

beforeAll(async () => {
  root = await rootClient(sshLab());
});

afterAll(async () => {
  await sshClose(root);
  await closeAdmin();
});

interface Server {
  readonly name: string;
  readonly pluginId: PluginId;
  readonly createTemplate: string;
  readonly deleteTemplate: string;
  /** Saves the device and its administrator in the core. */
  seed(core: Core): Promise<{ device: string; adminId: number; deviceId: number }>;
  readonly domain?: () => string;
  exists(account: string): Promise<boolean>;
  /** Removes the account from the target, whatever state the test left it in. */
  drop(account: string): Promise<void>;
}

const servers: Server[] = [
  {
    name: 'sshd',
    pluginId: 'ssh',
    createTemplate: 'Linux: create JIT account',
    deleteTemplate: 'Linux: delete JIT account',
    seed: async (core) => {
      const lab = await seedSshLab(core);
      return { device: 'ssh-lab', adminId: lab.rootId, deviceId: lab.deviceId };
    },
    exists: (account) => linuxAccountExists(root, account),
    drop: (account) => removeAccounts(root, [account]),
  },
  {
    name: 'MariaDB',
    pluginId: 'mysql',
    createTemplate: 'MySQL/MariaDB: JIT create user',
    deleteTemplate: 'MySQL/MariaDB: JIT drop user',
    seed: async (core) => {
      const lab = await seedMariadbLab(core);
      return { device: 'mariadb-lab', adminId: lab.adminId, deviceId: lab.deviceId };
    },
    exists: mariadbAccountExists,
    drop: (account) => dropMariadbAccounts([account]),
  },
  {
    name: 'OpenLDAP',
    pluginId: 'ldap',
    createTemplate: 'LDAP: JIT create entry',
    deleteTemplate: 'LDAP: JIT delete entry',
    seed: async (core) => {
      const lab = await seedLdapLab(core);
      return { device: 'ldap-lab', adminId: lab.adminId, deviceId: lab.deviceId };
    },
    domain: () => labDetails().ldap.baseDn,
    exists: async (account) => (await entryFacts(account)) !== null,
    drop: deleteEntries,
  },
];

describe.each(servers)('npm run session against the real $name', (server) => {
  let sc: SessionCore;
  let device = '';
  let account = '';

  beforeAll(async () => {
    sc = await openSessionCore(`jit-session-cli-${server.pluginId}-`);
    const seeded = await server.seed(sc.core);
    device = seeded.device;
    await callCore(sc.core, 'credentials.save', {
      credential: {
        username: 'reporting',
        type: 'Local user',
        deviceId: seeded.deviceId,
        ...(server.domain ? { domain: server.domain() } : {}),
        jit: {
          enabled: true,
          type: 'create_delete',
          authCredentialId: seeded.adminId,
          createPluginId: server.pluginId,
          createTemplateId: builtInTemplateId(sc.core, server.createTemplate),
          deletePluginId: server.pluginId,
          deleteTemplateId: builtInTemplateId(sc.core, server.deleteTemplate),
        },
      },
      password: { action: 'keep' },
    });
    // The CLI opens the data directory itself (one process at a time): this core lets go of it.
    await sc.core.shutdown();
  });

  afterAll(async () => {
    try {
      sc.removeDir();
    } finally {
      if (account !== '') await server.drop(account);
    }
  });

  it(
    'start exits 0 with the account Active; end exits 0 with it gone; a second end exits 1',
    async () => {
      const out: string[] = [];
      const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(`err: ${l}`) };
      const common = ['--data-dir', sc.dataDir, '--passphrase-file', sc.passphraseFile];
      expect(await runSessionCli(['start', `nobody@${device}`, ...common], io)).toBe(2);
      out.length = 0;

      expect(await runSessionCli(['start', `reporting@${device}`, ...common], io)).toBe(0);
      const [id = '', state, name = ''] = out[0]?.split(/\s+/) ?? [];
      account = name;
      expect(state, out.join('\n')).toBe('Active');
      expect(await server.exists(account)).toBe(true);

      expect(await runSessionCli(['end', id, ...common], io)).toBe(0);
      expect(out[1]).toContain('Ended');
      expect(await server.exists(account)).toBe(false);

      expect(await runSessionCli(['end', id, ...common], io)).toBe(1);
    },
    testMs,
  );
});
