/**
 * The real core against the lab's OpenLDAP: the device `ldap-lab`, the rootdn as its administrator
 * credential (its domain the base DN, where the built-ins put and look for entries), and binds as
 * the session's entry with OpenLDAP's own `ldapwhoami` (the password in a file, never on its
 * command line).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../../electron/core/compose';
import { labDetails } from '../../lab/inject';
import { makeTempDir } from '../../support/temp-dir';
import { callCore } from './postgres-lab-core';
import { builtInTemplateId, runClient, type LoginOutcome } from './session-core';

export interface LdapLabCore {
  readonly deviceId: number;
  readonly adminId: number;
  templateId(name: string): number;
}

/** The device `ldap-lab` and the lab's rootdn as its credential, saved in `core`. */
export async function seedLdapLab(core: Core): Promise<LdapLabCore> {
  const { ldap } = labDetails();
  const device = (await callCore(core, 'devices.save', {
    device: {
      name: 'ldap-lab',
      address: ldap.host,
      type: 'Directory',
      connectivity: [{ protocol: 'LDAP', port: ldap.port }],
    },
  })) as { id: number };
  const admin = (await callCore(core, 'credentials.save', {
    credential: {
      username: ldap.adminDn,
      type: 'Local administrator',
      deviceId: device.id,
      domain: ldap.baseDn,
    },
    password: { action: 'set', value: ldap.adminPassword },
  })) as { id: number };
  return { deviceId: device.id, adminId: admin.id, templateId: (name) => builtInTemplateId(core, name) };
}

/** Where the built-in templates put the entry of `uid`. */
export const entryDn = (uid: string): string => `uid=${uid},${labDetails().ldap.peopleDn}`;

/** Binds as `dn` with `ldapwhoami` (simple bind) and checks the server says it is that entry. */
export async function ldapClientLogin(dn: string, password: string): Promise<LoginOutcome> {
  const dir = makeTempDir('jit-ldapwhoami-');
  const passwordFile = join(dir.path, 'password');
  // -y sends the file's bytes as they are: no newline after the password.
  writeFileSync(passwordFile, password, { mode: 0o600 });
  try {
    const run = await runClient('ldapwhoami', [
      '-x',
      '-H',
      labDetails().ldap.url,
      '-D',
      dn,
      '-y',
      passwordFile,
    ]);
    if (run.code === 0 && run.stdout.trim().toLowerCase() === `dn:${dn}`.toLowerCase()) return 'ok';
    if (run.code === 49 && run.stderr.includes('Invalid credentials (49)')) return 'refused';
    throw new Error(`ldapwhoami as ${dn} exited ${run.code ?? 'by a signal'}: ${run.stderr.trim()}`);
  } finally {
    dir.remove();
  }
}
