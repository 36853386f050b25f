// `npx tsx test/bench/plugins-ssh.ts [N]`: the SSH plugin's full run of the built-in creation
// template (connect, the useradd + passwd conversation, close) plus its verification
// (accountExists, an exec channel on a second connection), against the bare ssh2 client doing the
// same commands and the same check on one connection. Starts its own sshd from the lab; each
// iteration's account is removed outside the timed part. Prints medians and the median of the
// paired ratios; asserts nothing.

import { Client, type ClientChannel } from 'ssh2';
import { sshBuiltinTemplates, SshPlugin } from '../../electron/plugins/ssh';
import { sshClose, sshConnect, sshExec } from '../lab/clients/ssh';
import { installSignalCleanup, startSsh, type SshDetails } from '../lab/index';
import { uniqueName } from '../lab/names';
import { randomPassword } from '../lab/secrets';
import { median } from './stats';

const N = Number(process.argv[2] ?? 20);
const WARM_UP = 2;
const TARGET_RATIO = 1.5;
const EXPIRATION_DATE = '2099-12-31';
const SESSION_ID = 'S-bench';

const createTemplate = sshBuiltinTemplates.find((t) => t.key === 'ssh-linux-jit-create')?.content ?? '';

async function ours(plugin: SshPlugin, lab: SshDetails, username: string, password: string): Promise<void> {
  const target = { host: lab.host, port: lab.port };
  const login = { username: lab.adminUser, privateKey: lab.privateKey };
  const result = await plugin.run({
    template: createTemplate,
    tags: { USERNAME: username, NEW_PASSWORD: password, SESSION_ID, EXPIRATION_DATE },
    target,
    login,
  });
  if (!result.ok) throw new Error(`ours: ${result.failure?.message ?? 'failed'}`);
  if (!(await plugin.accountExists({ target, login, username })))
    throw new Error('ours: the account is missing');
}

/** Waits until the shell's accumulated output matches `pattern`. */
function waitFor(stream: ClientChannel, output: { text: string }, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (pattern.test(output.text)) {
        stream.off('data', onData);
        clearTimeout(timer);
        resolve();
      }
    };
    const onData = (chunk: Buffer): void => {
      output.text += chunk.toString('utf8');
      check();
    };
    const timer = setTimeout(
      () => reject(new Error(`bare: no ${String(pattern)} in ${output.text.slice(-200)}`)),
      10_000,
    );
    stream.on('data', onData);
    check();
  });
}

/** The same conversation with plain ssh2: one connection, a PTY shell, then an exec channel. */
async function bare(lab: SshDetails, username: string, password: string): Promise<void> {
  const client = await sshConnect({
    host: lab.host,
    port: lab.port,
    username: lab.adminUser,
    privateKey: lab.privateKey,
  });
  try {
    const stream = await new Promise<ClientChannel>((resolve, reject) =>
      client.shell({ term: 'xterm', cols: 200, rows: 50 }, (error, channel) =>
        error ? reject(error) : resolve(channel),
      ),
    );
    const prompt = /# $/;
    let output = { text: '' };
    const step = async (input: string, pattern: RegExp): Promise<void> => {
      output = { text: '' };
      stream.write(input);
      await waitFor(stream, output, pattern);
    };
    await waitFor(stream, output, prompt);
    await step(
      `useradd -m -c "managed by jit-pam ${SESSION_ID}" -e ${EXPIRATION_DATE} ${username} || echo JIT-FAILED\n`,
      prompt,
    );
    if (/^JIT-FAILED/m.test(output.text)) throw new Error('bare: useradd failed');
    await step(`passwd ${username}\n`, /password: $/);
    await step(`${password}\n`, /password: $/);
    await step(`${password}\n`, /updated successfully[\s\S]*# $/);
    stream.end();
    const check = await sshExec(client, `getent passwd ${username}`);
    if (check.code !== 0) throw new Error('bare: the account is missing');
  } finally {
    await sshClose(client);
  }
}

async function main(): Promise<void> {
  installSignalCleanup();
  console.error('bench: starting the lab sshd...');
  const server = await startSsh();
  const lab = server.details;
  const root: Client = await sshConnect({
    host: lab.host,
    port: lab.port,
    username: lab.adminUser,
    privateKey: lab.privateKey,
  });
  const plugin = new SshPlugin();
  const cleanup = (username: string): Promise<unknown> =>
    sshExec(root, `pkill -KILL -u ${username}; userdel --force --remove ${username} 2>/dev/null; true`);

  const oursMs: number[] = [];
  const bareMs: number[] = [];
  const ratios: number[] = [];
  try {
    for (let i = 0; i < WARM_UP + N; i++) {
      // Alternate which goes first, so load from elsewhere on the machine hits both alike.
      const order = i % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const);
      const timings: Record<'ours' | 'bare', number> = { ours: 0, bare: 0 };
      for (const which of order) {
        const username = uniqueName('benchssh');
        const password = randomPassword();
        const started = performance.now();
        if (which === 'ours') await ours(plugin, lab, username, password);
        else await bare(lab, username, password);
        timings[which] = performance.now() - started;
        await cleanup(username);
      }
      if (i < WARM_UP) continue;
      oursMs.push(timings.ours);
      bareMs.push(timings.bare);
      ratios.push(timings.ours / timings.bare);
    }
  } finally {
    await sshClose(root);
    await server.stop();
  }
  const ratio = median(ratios);
  console.log(
    `ssh: ours ${median(oursMs).toFixed(0)} ms, bare ${median(bareMs).toFixed(0)} ms, ratio ${ratio.toFixed(2)} (target <= ${TARGET_RATIO}) ${ratio <= TARGET_RATIO ? 'ok' : 'MISSED'}`,
  );
}

await main();
