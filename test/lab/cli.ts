// `npx tsx test/lab/cli.ts [--json] [ssh|postgres|mariadb|ldap ...]`: starts the lab (all four
// servers unless some are named), prints how to connect (or, with --json, the details as one JSON
// object on stdout), and keeps it up until Ctrl-C / SIGTERM / SIGHUP, then stops it cleanly.
// Progress and errors go to stderr, so stdout stays machine-readable with --json.

import { killEverythingNow } from './cleanup.js';
import { connectionHelp } from './connect-help.js';
import { errorMessage } from './errors.js';
import { startLab, type Lab } from './lab.js';
import { SERVER_NAMES, type ServerName } from './types.js';

function isServerName(value: string): value is ServerName {
  return (SERVER_NAMES as readonly string[]).includes(value);
}

function parseArgs(argv: readonly string[]): { json: boolean; only: ServerName[] | undefined } {
  let json = false;
  const only: ServerName[] = [];
  for (const arg of argv) {
    if (arg === '--json') json = true;
    else if (isServerName(arg)) only.push(arg);
    else {
      console.error(
        `usage: tsx test/lab/cli.ts [--json] [${SERVER_NAMES.join('|')} ...]  (unknown argument: ${arg})`,
      );
      process.exit(2);
    }
  }
  return { json, only: only.length > 0 ? only : undefined };
}

async function main(): Promise<void> {
  const { json, only } = parseArgs(process.argv.slice(2));
  console.error(`lab: starting ${(only ?? SERVER_NAMES).join(', ')}...`);
  const starting = startLab({ only });

  // Installed in the same tick as the start, so a Ctrl-C while the servers boot also ends in a
  // clean stop (once they are up). Read through a function: signal handlers change it where TS's narrowing cannot see.
  const state = { stopping: false };
  const stopping = (): boolean => state.stopping;
  const shutdown = async (reason: string, exitCode: number): Promise<void> => {
    if (stopping()) {
      // A second Ctrl-C: do not wait for graceful shutdowns any longer.
      killEverythingNow();
      process.exit(1);
    }
    state.stopping = true;
    console.error(`lab: ${reason}, stopping...`);
    try {
      const lab = await starting.catch(() => undefined);
      await lab?.stop();
      console.error('lab: stopped');
    } catch (error) {
      console.error(errorMessage(error));
      exitCode = 1;
    }
    process.exit(exitCode);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void shutdown(`got ${signal}`, 0));
  }

  let lab: Lab;
  try {
    lab = await starting;
  } catch (error) {
    console.error(errorMessage(error));
    process.exit(1);
  }
  if (stopping()) return;

  if (json) console.log(JSON.stringify(lab.details));
  else console.log(`${connectionHelp(lab.details, lab.startMs)}\n`);

  // A server that dies on its own takes the lab down: better than tests against half a lab.
  const died = await Promise.race(lab.servers.map(async (server) => ({ server, exit: await server.exited })));
  if (stopping()) return;
  console.error(
    `lab: ${died.server.name} exited on its own (code ${died.exit.code ?? 'none'}, signal ${died.exit.signal ?? 'none'})\n${died.server.logTail()}`,
  );
  await shutdown(`${died.server.name} died`, 1);
}

await main();
