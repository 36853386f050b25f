// The password hash tags are computed for SSH templates too (as for PostgreSQL, MySQL and LDAP):
// a template may hand a tool on the target the {SSHA} form instead of the password, and the value
// the target receives is the hash of the run's [#NEW_PASSWORD#], never the password.
import { createHash } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstPrompt, q, rootClient, sshClose, sshLab, sshRun } from './support';

describe('SSH plugin: password hash tags', () => {
  const lab = sshLab();
  const file = `/tmp/jitpam-derived-${randomUUID()}`;
  let root: Client;

  beforeAll(async () => {
    root = await rootClient(lab);
  });
  afterAll(async () => {
    await sshRun(root, `rm -f ${q(file)}`);
    await sshClose(root);
  });

  it('hands the target the {SSHA} of NEW_PASSWORD, masked in the steps', async () => {
    const password = `Pw-${randomUUID()}`;
    const result = await lab.plugin.run({
      template: `${firstPrompt}exec "printf %s [#NEW_PASSWORD_SSHA#] > ${file}"\nexpect "*#"\n`,
      tags: { NEW_PASSWORD: password },
      target: lab.target,
      login: lab.rootLogin,
    });
    expect(result.failure).toBeNull();
    const stored = (await sshRun(root, `cat ${q(file)}`)).trim();
    expect(stored.startsWith('{SSHA}')).toBe(true);
    const raw = Buffer.from(stored.slice('{SSHA}'.length), 'base64');
    const salt = raw.subarray(20);
    const digest = createHash('sha1').update(password).update(salt).digest();
    expect(raw.subarray(0, 20).equals(digest)).toBe(true);
    expect(JSON.stringify(result.steps).includes(stored)).toBe(false);
    expect(JSON.stringify(result.steps).includes(password)).toBe(false);
  });

  it('refuses a template whose hash cannot be computed from the password, before connecting', async () => {
    const result = await lab.plugin.run({
      template: `${firstPrompt}exec "echo [#NEW_PASSWORD_SCRAM#]"\n`,
      tags: { NEW_PASSWORD: 'pässword-not-ascii' },
      target: lab.target,
      login: lab.rootLogin,
    });
    expect(result.failure?.kind).toBe('refused');
  });
});
