// User-defined tags on the lab's sshd: a secret custom value ([#API_KEY#]) and a text one
// ([#NOTE_DIR#]) reach the target exactly as given, hostile characters included, and the secret one
// never appears in the steps (the operation log) or in the CLI's output.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../../../electron/plugins/ssh/connection/host-key-fingerprint';
import { withSecretTags } from '../../../../electron/plugins/tag-engine';
import { makeTempDir } from '../../../support/temp-dir';
import { firstPrompt, q, rootClient, sshClose, sshLab, sshRun } from './support';

const cli = join(import.meta.dirname, '..', '..', '..', '..', 'electron', 'cli', 'template-cli.ts');

describe('SSH plugin: user-defined tags', () => {
  const lab = sshLab();
  const file = `/tmp/jitpam-usertag-${randomUUID()}`;
  const dir = makeTempDir('jit-usertags-');
  let root: Client;

  beforeAll(async () => {
    root = await rootClient(lab);
  });
  afterAll(async () => {
    await sshRun(root, `rm -f ${q(file)} ${q(`${file}.cli`)}`);
    await sshClose(root);
    dir.remove();
  });

  // printf's format is fixed: the values are arguments, quoted by the plugin like ADD_INFO.
  const writeBoth = (path: string) =>
    `${firstPrompt}exec "printf '%s|%s' [#API_KEY#] [#NOTE_DIR#] > ${path}"\nexpect "*#"\n`;

  it('fills them from the run’s values, masking the secret one in every step', async () => {
    const secret = `Key-${randomUUID()}'$(id) "x`;
    const text = '/srv/notes dir';
    const result = await lab.plugin.run({
      template: writeBoth(file),
      tags: withSecretTags({ API_KEY: secret, NOTE_DIR: text }, ['API_KEY']),
      target: lab.target,
      login: lab.rootLogin,
    });
    expect(result.failure).toBeNull();
    expect(await sshRun(root, `cat ${q(file)}`)).toBe(`${secret}|${text}`);
    const log = JSON.stringify(result.steps);
    expect(log).not.toContain(secret);
    expect(log).not.toContain('Key-');
    expect(log).toContain(text);
  });

  it('on the command line: --tag-file makes a user-defined tag secret, --tag leaves it shown', async () => {
    const { ssh } = lab;
    const secret = `Cli-${randomUUID()}`;
    const templateFile = join(dir.path, 'both.ssh');
    writeFileSync(templateFile, writeBoth(`${file}.cli`));
    const keyFile = join(dir.path, 'root-key');
    writeFileSync(keyFile, ssh.privateKey, { mode: 0o600 });
    const secretFile = join(dir.path, 'api-key');
    writeFileSync(secretFile, `${secret}\n`, { mode: 0o600 });
    const fingerprint = fingerprintOf(Buffer.from(ssh.hostPublicKey.split(/\s+/)[1] ?? '', 'base64'));
    const args = ['--import', 'tsx', cli, 'run', '--plugin', 'ssh', '--host', ssh.host, '--port'];
    args.push(String(ssh.port), '--user', ssh.adminUser, '--key-file', keyFile, '--host-key', fingerprint);
    args.push('--tag-file', `API_KEY=${secretFile}`, '--tag', 'NOTE_DIR=/srv/cli', templateFile);
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(await sshRun(root, `cat ${q(`${file}.cli`)}`)).toBe(`${secret}|/srv/cli`);
    expect(run.stdout).not.toContain(secret);
    expect(run.stdout).toContain('/srv/cli');

    const missing = spawnSync(
      process.execPath,
      args.filter((a) => !a.startsWith('NOTE_DIR') && a !== '--tag'),
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('No value for [#NOTE_DIR#]');
  });
});
