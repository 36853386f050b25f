import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackDir, untrackDir } from './cleanup.js';
import type { ServerName } from './types.js';

/**
 * A fresh private directory for one server instance. mkdtemp makes names unique, so two labs
 * started in parallel never share files.
 */
export async function makeTempDir(server: ServerName): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `jitpam-lab-${server}-`));
  trackDir(dir);
  return dir;
}

export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  untrackDir(dir);
}
