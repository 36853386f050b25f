// A private OpenLDAP server from one generated slapd.conf, with the ppolicy overlay, so that an
// account locked through pwdAccountLockedTime really cannot bind.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { LAB_HOST } from './net.js';
import { randomPassword, sshaHash } from './secrets.js';
import { DEFAULT_READY_TIMEOUT_MS, launch, startWithPortRetry } from './server.js';
import type { LdapDetails, RunningServer, StartOptions } from './types.js';

const SLAPD = '/usr/sbin/slapd';
const BASE_DN = 'dc=lab,dc=test';
const ADMIN_DN = `cn=admin,${BASE_DN}`;
const PEOPLE_DN = `ou=people,${BASE_DN}`;
const POLICIES_DN = `ou=policies,${BASE_DN}`;
const DEFAULT_POLICY_DN = `cn=default,${POLICIES_DN}`;

function slapdConf(dir: string, adminPassword: string): string {
  return `# Written by the JIT PAM test lab (test/lab/ldap.ts).
# Modules first: ppolicy brings its own schema (pwdPolicy, pwdAccountLockedTime) since 2.5.
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload ppolicy

include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema

pidfile ${join(dir, 'slapd.pid')}
argsfile ${join(dir, 'slapd.args')}

database mdb
maxsize 67108864
suffix "${BASE_DN}"
rootdn "${ADMIN_DN}"
rootpw ${sshaHash(adminPassword)}
directory ${join(dir, 'data')}

# Passwords can be used to bind and changed by their owner, never read; the rest is readable.
access to attrs=userPassword
  by self write
  by anonymous auth
  by * none
access to *
  by * read

overlay ppolicy
ppolicy_default "${DEFAULT_POLICY_DN}"
# A userPassword written in clear is stored hashed, as a directory in production would.
ppolicy_hash_cleartext
`;
}

/** The entries every lab directory starts with: the suffix, people, and the default policy. */
const SEED_ENTRIES: readonly [string, Record<string, string | string[]>][] = [
  [BASE_DN, { objectClass: ['dcObject', 'organization'], dc: 'lab', o: 'JIT PAM lab' }],
  [PEOPLE_DN, { objectClass: 'organizationalUnit', ou: 'people' }],
  [POLICIES_DN, { objectClass: 'organizationalUnit', ou: 'policies' }],
  [
    DEFAULT_POLICY_DN,
    {
      // pwdPolicy is auxiliary: it needs a structural class beside it.
      objectClass: ['organizationalRole', 'pwdPolicy'],
      cn: 'default',
      pwdAttribute: 'userPassword',
      pwdLockout: 'TRUE',
      pwdMaxFailure: '5',
    },
  ],
];

async function withAdmin<T>(url: string, password: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ url, connectTimeout: 5_000, timeout: 10_000 });
  try {
    await client.bind(ADMIN_DN, password);
    return await work(client);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

export async function startLdap(options: StartOptions = {}): Promise<RunningServer<LdapDetails>> {
  return startWithPortRetry('ldap', async ({ dir, port }) => {
    const password = randomPassword();
    const configPath = join(dir, 'slapd.conf');
    const url = `ldap://${LAB_HOST}:${port}/`;
    await mkdir(join(dir, 'data'));
    await writeFile(configPath, slapdConf(dir, password), { mode: 0o600 });

    const details: LdapDetails = {
      url,
      host: LAB_HOST,
      port,
      adminDn: ADMIN_DN,
      adminPassword: password,
      baseDn: BASE_DN,
      peopleDn: PEOPLE_DN,
      defaultPolicyDn: DEFAULT_POLICY_DN,
    };
    return launch({
      name: 'ldap',
      dir,
      spawn: {
        command: SLAPD,
        // -d keeps slapd in the foreground; 'stats' logs connections and operations (no secrets)
        // and, unlike -d 0, also the startup errors, such as a port already in use.
        args: ['-f', configPath, '-h', url, '-d', 'stats'],
        cwd: dir,
      },
      stopSignal: 'SIGTERM',
      readyTimeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
      details,
      probe: () => withAdmin(url, password, () => Promise.resolve()),
      afterReady: () =>
        withAdmin(url, password, async (client) => {
          // In order: each entry's parent comes before it.
          for (const [dn, attributes] of SEED_ENTRIES) await client.add(dn, attributes);
        }),
    });
  });
}
