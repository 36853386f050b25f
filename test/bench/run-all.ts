// `npx tsx test/bench/run-all.ts [WORD...]` (npm run bench [-- WORD...]): every bench script of
// this folder, one after the other (they measure time: running them side by side would skew each
// other), with their own output; given words, only the scripts whose name contains one of them
// (`npm run bench -- lifecycle`). The helpers beside them (seed, stats, ws-client, lifecycle-core,
// this file) are not benches. Exits non-zero when a script crashed, 2 when a word matches no
// script; a figure that misses its target is printed, never a failure.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const isBench = (name: string) =>
  name === 'credentials-ui.ts' ||
  name === 'credential-list.ts' ||
  name === 'lifecycle-sessions.ts' ||
  name === 'vault-writes.ts' ||
  name === 'terminal.ts' ||
  name === 'template-check.ts' ||
  /^plugins-.*\.ts$/.test(name);
const benches = readdirSync(dir).filter(isBench).sort();
const words = process.argv.slice(2);
const unknown = words.filter((word) => !benches.some((name) => name.includes(word)));
if (unknown.length > 0) {
  console.error(`no bench script matches ${unknown.join(', ')}; the scripts are: ${benches.join(', ')}`);
  process.exit(2);
}
const scripts = words.length === 0 ? benches : benches.filter((name) => words.some((w) => name.includes(w)));

function run(script: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(dir, script)], { stdio: 'inherit' });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const failed: string[] = [];
for (const script of scripts) {
  console.log(`\n== ${script}`);
  const code = await run(script);
  if (code !== 0) failed.push(`${script} (exit ${code})`);
}
console.log(`\n${scripts.length - failed.length} of ${scripts.length} bench scripts ran to the end`);
if (failed.length > 0) {
  console.log(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
