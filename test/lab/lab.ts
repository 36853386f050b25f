// The whole lab: the servers started in parallel, stopped together.

import { asLabStartError, errorMessage } from './errors.js';
import { startLdap } from './ldap.js';
import { startMariaDb } from './mariadb.js';
import { startPostgres } from './postgres.js';
import { startSsh } from './ssh.js';
import {
  SERVER_NAMES,
  type LabDetails,
  type RunningServer,
  type ServerName,
  type StartOptions,
} from './types.js';

type Starters = { [K in ServerName]: (options: StartOptions) => Promise<RunningServer<LabDetails[K]>> };

const STARTERS: Starters = {
  ssh: startSsh,
  postgres: startPostgres,
  mariadb: startMariaDb,
  ldap: startLdap,
};

export interface LabOptions<K extends ServerName> extends StartOptions {
  /** Start only these servers (default: all four). */
  only?: readonly K[];
}

export interface Lab<K extends ServerName = ServerName> {
  details: Pick<LabDetails, K>;
  servers: readonly RunningServer<LabDetails[K]>[];
  /** How long the start took, in milliseconds. */
  startMs: number;
  /** Stops every server in parallel and removes their directories. */
  stop(): Promise<void>;
}

async function stopAll(servers: readonly RunningServer<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(servers.map((server) => server.stop()));
  const failures = results.flatMap((result, i) =>
    result.status === 'rejected' ? [`${servers[i]?.name ?? '?'}: ${errorMessage(result.reason)}`] : [],
  );
  if (failures.length > 0) throw new Error(`lab: could not stop cleanly:\n${failures.join('\n')}`);
}

export async function startLab<K extends ServerName = ServerName>(
  options: LabOptions<K> = {},
): Promise<Lab<K>> {
  const began = Date.now();
  // Without `only`, K is the full ServerName union, which SERVER_NAMES then lists exactly.
  const names = options.only ?? (SERVER_NAMES as readonly K[]);
  const starts = names.map(async <N extends K>(name: N) => {
    try {
      return { name, server: await STARTERS[name](options) };
    } catch (error) {
      // Also failures before the server's own error handling (a missing binary or system user).
      throw asLabStartError(name, error);
    }
  });
  const results = await Promise.allSettled(starts);

  const started = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = results.flatMap((result) =>
    result.status === 'rejected' ? [errorMessage(result.reason)] : [],
  );
  if (failed.length > 0) {
    // Leave nothing running behind a half-started lab.
    await stopAll(started.map(({ server }) => server)).catch(() => undefined);
    throw new Error(failed.join('\n\n'));
  }

  const details: Partial<Pick<LabDetails, K>> = {};
  for (const { name, server } of started) details[name] = server.details;
  const servers = started.map(({ server }) => server);
  return {
    // Complete: every requested name either started (and was filled in above) or threw.
    details: details as Pick<LabDetails, K>,
    servers,
    startMs: Date.now() - began,
    stop: () => stopAll(servers),
  };
}
