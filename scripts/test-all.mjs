// `npm test`: lint, typecheck, build, unit and integration tests (Vitest, real lab servers) and
// end-to-end tests (Playwright on Debian's Chromium). Every step runs even when an earlier one
// failed, so one run shows everything; the last line is `N passed, N failed` summed over all.
// Lint, each typecheck and the build count as one check each; test runners count their tests.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJson } from './build.mjs';

/**
 * @typedef {{ fullName: string, status: string, failureMessages?: string[] }} VitestAssertion
 * @typedef {{ numPassedTests: number, numFailedTests: number, numPendingTests: number, numTodoTests: number,
 *   testResults?: { name: string, status: string, message?: string, assertionResults?: VitestAssertion[] }[] }} VitestReport
 * @typedef {{ title: string, ok: boolean, file: string, line: number }} PlaywrightSpec
 * @typedef {{ specs?: PlaywrightSpec[], suites?: PlaywrightSuite[] }} PlaywrightSuite
 * @typedef {{ stats: { expected: number, unexpected: number, flaky: number, skipped: number },
 *   suites?: PlaywrightSuite[], errors?: { message?: string }[] }} PlaywrightReport
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, 'test-results', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
/** @param {string} name */
const bin = (name) => join(root, 'node_modules', '.bin', name);

/**
 * @param {string} command @param {string[]} args @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<number>} the exit code
 */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(127));
  });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
/** @type {string[]} */
const lines = [];
// Each failure by name, printed again in the summary: CI shows only the end of a long log.
/** @type {string[]} */
const failures = [];
/** @param {string | undefined} message the first line of it, short */
const firstLine = (message) => (message ?? '').split('\n', 1)[0]?.slice(0, 200) ?? '';
/** @param {string} file */
const relative = (file) => (file.startsWith(root) ? file.slice(root.length + 1) : file);

/** @param {string} project @param {VitestReport} report */
function vitestFailures(project, report) {
  for (const file of report.testResults ?? []) {
    const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    if (file.status === 'failed' && failed.length === 0) {
      failures.push(`vitest ${project} › ${relative(file.name)}: ${firstLine(file.message)}`);
    }
    for (const a of failed) {
      failures.push(
        `vitest ${project} › ${relative(file.name)} › ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`,
      );
    }
  }
}

/** @param {PlaywrightSuite[] | undefined} suites */
function playwrightFailures(suites) {
  for (const suite of suites ?? []) {
    for (const spec of suite.specs ?? []) {
      if (!spec.ok) failures.push(`playwright › ${spec.file}:${spec.line} › ${spec.title}`);
    }
    playwrightFailures(suite.suites);
  }
}
/** @param {string} name @param {number} passed @param {number} failed @param {number} [skipped] */
function count(name, passed, failed, skipped = 0) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`${name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
/** @param {string} name @param {string} command @param {string[]} args */
async function check(name, command, args) {
  console.log(`\n=== ${name}`);
  const code = await run(command, args);
  count(name, code === 0 ? 1 : 0, code === 0 ? 0 : 1);
  if (code !== 0) failures.push(`${name}: exited with ${code} (see its output above)`);
  return code === 0;
}

await check('eslint', bin('eslint'), ['.']);
await check('prettier', bin('prettier'), ['--check', '.']);
for (const layer of ['shared', 'renderer', 'electron', 'test']) {
  await check(`tsc ${layer}`, bin('tsc'), ['-p', `tsconfig.${layer}.json`]);
}
const built = await check('build', process.execPath, [join(root, 'scripts', 'build.mjs')]);

for (const project of ['unit', 'integration']) {
  console.log(`\n=== vitest ${project}`);
  const file = join(reports, `vitest-${project}.json`);
  const code = await run(bin('vitest'), [
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ]);
  if (existsSync(file)) {
    const r = /** @type {VitestReport} */ (readJson(file));
    // A suite that failed to load has no tests in it; count it as one failure.
    const loadFailures = (r.testResults ?? []).filter(
      (t) => t.status === 'failed' && !t.assertionResults?.length,
    ).length;
    let failed = r.numFailedTests + loadFailures;
    // A non-zero exit with no failed test (an unhandled error, a teardown crash) still fails.
    if (code !== 0 && failed === 0) {
      failed = 1;
      failures.push(`vitest ${project}: exited with ${code} although no test failed (see its output above)`);
    }
    vitestFailures(project, r);
    count(`vitest ${project}`, r.numPassedTests, failed, r.numPendingTests + r.numTodoTests);
  } else {
    count(`vitest ${project}`, 0, 1);
    failures.push(`vitest ${project}: wrote no report (exited with ${code})`);
  }
}

console.log('\n=== playwright');
if (built) {
  const file = join(reports, 'playwright.json');
  await run(bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  if (existsSync(file)) {
    const report = /** @type {PlaywrightReport} */ (readJson(file));
    const s = report.stats;
    // Errors outside tests (a crashed global setup, a broken config) fail the run too.
    const errors = report.errors?.length ?? 0;
    playwrightFailures(report.suites);
    for (const error of report.errors ?? []) failures.push(`playwright: ${firstLine(error.message)}`);
    count('playwright', s.expected + s.flaky, s.unexpected + errors, s.skipped);
  } else {
    count('playwright', 0, 1);
  }
} else {
  count('playwright (not run: the build failed)', 0, 1);
}

console.log('\n=== summary');
for (const line of lines) console.log(`  ${line}`);
if (failures.length > 0) {
  console.log('failed:');
  for (const failure of failures) console.log(`  ${failure}`);
}
console.log(
  `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(totals.failed === 0 ? 0 : 1);
