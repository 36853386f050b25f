import { readFile } from 'node:fs/promises';

export interface SystemUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

/** Looks a local account up in /etc/passwd (the lab's packages create theirs there, not in LDAP/NIS). */
export async function lookupSystemUser(name: string): Promise<SystemUser> {
  const passwd = await readFile('/etc/passwd', 'utf8');
  for (const line of passwd.split('\n')) {
    const [user, , uid, gid, , home] = line.split(':');
    if (user === name && uid !== undefined && gid !== undefined) {
      return { name, uid: Number(uid), gid: Number(gid), home: home ?? '/' };
    }
  }
  throw new Error(
    `no system user '${name}' in /etc/passwd: is its package installed? (.ci/install-lab-packages.sh)`,
  );
}
