// `npm run mutation [-- --module "vault" ...] [-- --concurrency N]`: StrykerJS over the security core
// (stryker.config.mjs), then one line per module: mutants killed (or timed out) out of those that
// count, and the score. `--concurrency 1` keeps Stryker to one test worker on a shared machine.
// Exits 1 when a module is under the target, so a CI step can run it as a check.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modules, moduleTests, reportFile } from '../stryker.config.mjs';
import { readJson } from './build.mjs';

const target = 90;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const args = process.argv.slice(2);
/** @type {string[]} */
const chosen = [];
/** @type {string[]} */
const passed = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--module' && args[i + 1] !== undefined) chosen.push(args[++i] ?? '');
  else if (args[i] === '--concurrency' && /^[1-9][0-9]*$/.test(args[i + 1] ?? ''))
    passed.push('--concurrency', args[++i] ?? '');
  else {
    console.error(
      `mutation: unknown argument ${args[i]}; use --module NAME (${Object.keys(modules).join(', ')}) or --concurrency N (a positive whole number)`,
    );
    process.exit(2);
  }
}
for (const name of chosen) {
  if (!(name in modules)) {
    console.error(`mutation: no module "${name}"; modules: ${Object.keys(modules).join(', ')}`);
    process.exit(2);
  }
}
const selected = chosen.length > 0 ? chosen : Object.keys(modules);
const files = selected.flatMap((name) => modules[/** @type {keyof typeof modules} */ (name)]);
const tests = selected.flatMap((name) => moduleTests[/** @type {keyof typeof moduleTests} */ (name)]);
// One incremental file per choice of modules: Stryker writes in it only the files of its own run,
// so a run of one module would otherwise throw away every other module's results.
const incrementalFile = `test-results/mutation/incremental-${selected.join('+').replace(/[^a-z0-9+]+/gi, '-')}.json`;

/** @type {number} */
const code = await new Promise((resolve) => {
  const child = spawn(
    join(root, 'node_modules', '.bin', 'stryker'),
    [
      'run',
      '--mutate',
      files.join(','),
      '--testFiles',
      tests.join(','),
      '--incrementalFile',
      incrementalFile,
      ...passed,
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  child.on('exit', (status) => resolve(status ?? 1));
  child.on('error', () => resolve(127));
});
if (code !== 0) {
  console.error(`mutation: Stryker exited with ${code}`);
  process.exit(1);
}

/** @typedef {{ status: string }} Mutant */
const report = /** @type {{ files: Record<string, { mutants: Mutant[] }> }} */ (
  readJson(join(root, reportFile))
);
const counts = ['Killed', 'Timeout'];
const missed = ['Survived', 'NoCoverage'];
let below = 0;
console.log(
  '\nMutation score per security-core module (killed or timed out / killed + survived + no coverage):',
);
for (const name of selected) {
  let killed = 0;
  let total = 0;
  for (const file of modules[/** @type {keyof typeof modules} */ (name)]) {
    for (const mutant of report.files[file]?.mutants ?? []) {
      if (counts.includes(mutant.status)) {
        killed++;
        total++;
      } else if (missed.includes(mutant.status)) total++;
    }
  }
  const score = total === 0 ? 100 : (100 * killed) / total;
  if (score < target) below++;
  console.log(
    `  ${name.padEnd(20)} ${String(killed).padStart(5)} / ${String(total).padEnd(5)} ${score.toFixed(1)}%`,
  );
}
console.log(below === 0 ? `every module at or above ${target}%` : `${below} module(s) under ${target}%`);
process.exit(below === 0 ? 0 : 1);
