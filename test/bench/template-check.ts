// `npx tsx test/bench/template-check.ts` (or `npm run bench -- template-check`): how long the SSH
// template check takes on the longest template the rules allow (maxTemplateBytes), for shapes that
// make a careless reader rescan what it has read: one command of many keywords, words, subscripts
// or pipes, deep nesting, many lines. The check runs on the core's event loop when a template is
// saved or imported and again before each run, so a slow one freezes every window of the app.
// Each shape is timed at a quarter of the limit and at the limit: a growth near 4x is linear, near
// 16x quadratic. Target: every shape under 1 s at the limit. It prints figures; it never fails.
import { performance } from 'node:perf_hooks';
import { checkSshTemplate } from '../../electron/plugins/ssh/template/check';
import { maxTemplateBytes } from '../../shared/domain/template';

const targetMs = 1000;
const rounds = 3;

/** One exec line typing `shell` over and over, cut to `bytes` (the template's own escaping). */
const oneLine = (shell: string, bytes: number): string => {
  const escaped = shell.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
  const body = escaped.repeat(Math.ceil(bytes / escaped.length)).slice(0, bytes - 8);
  // A cut escape would leave an odd backslash or a lone quote: end on a whole repetition.
  const whole = body.slice(0, body.length - (body.length % escaped.length));
  return `exec "${whole}"`;
};

/**
 * One exec line typing `open`, `inner` over and over and `close`, to `bytes`: a command string a
 * second shell reads (`su -c '…'`), which the check reads again as a line of its own. Each part is
 * written as the template holds it (`\\"` for a quote).
 */
const oneString = (open: string, inner: string, close: string, bytes: number): string =>
  `exec "${open}${inner.repeat(Math.floor((bytes - 8 - open.length - close.length) / inner.length))}${close}"`;

/** Many exec lines, each typing `shell`. */
const manyLines = (shell: string, bytes: number): string => {
  const line = `exec "${shell}"\n`;
  return line.repeat(Math.floor(bytes / line.length));
};

const shapes: readonly (readonly [string, (bytes: number) => string])[] = [
  ['keywords `{ `', (b) => oneLine('{ ', b)],
  ['keywords `! `', (b) => oneLine('! ', b)],
  ['`time -p `', (b) => oneLine('time -p ', b)],
  ['pipes `x| `', (b) => oneLine('x| ', b)],
  ['lists `x; `', (b) => oneLine('x; ', b)],
  ['assignments `a=1 `', (b) => oneLine('a=1 ', b)],
  ['subscripts `a[1]= `', (b) => oneLine('a[1]= ', b)],
  ['words with `[`', (b) => oneLine('x[ ', b)],
  ['groups `( `', (b) => oneLine('( ', b)],
  ['substitutions `$( `', (b) => oneLine('$( ', b)],
  ['expansions `${ `', (b) => oneLine('${ ', b)],
  ['arithmetic `$(( `', (b) => oneLine('$(( ', b)],
  ['backticks', (b) => oneLine('` ', b)],
  ['tags `echo [#USERNAME#] `', (b) => oneLine('echo [#USERNAME#] ', b)],
  ['wrappers `sudo `', (b) => oneLine('sudo ', b)],
  ['here-documents `<<E `', (b) => oneLine('<<E ', b)],
  // Command strings, read again as a line of their own (shell-reader.ts commandStringLoses).
  ["`su -c '-x -x … [#USERNAME#]'`", (b) => oneString("su -c '", '-x ', "[#USERNAME#]'", b)],
  ["`su -c 'sudo -u u … sh'`", (b) => oneString("su -c '", 'sudo -u u ', "sh'", b)],
  ['ssh joined words', (b) => oneString('ssh host ', '-o x ', '[#USERNAME#]', b)],
  ['awk strings `print \\"x\\"; `', (b) => oneString("awk 'BEGIN{", 'print \\"x\\"; ', "}'", b)],
  ["`su -c 'id'; `", (b) => oneLine("su -c 'id'; ", b)],
  // Each ssh joins the words after it into a command line for the next (read this deep at most).
  ['ssh chains `ssh h `', (b) => oneLine('ssh h ', b)],
  ["`sh -c 'echo a; ` in a row", (b) => oneString('', "sh -c 'echo a; ", '', b)],
  ['lines `{`', (b) => manyLines('{', b)],
  ['lines `for x`', (b) => manyLines('for x', b)],
  ['lines `echo [#USERNAME#]`', (b) => manyLines('echo [#USERNAME#]', b)],
  // Body lines are read again until they settle (shell-context.ts), one more reading at least.
  ['a here-document body', (b) => `exec "cat > f <<'EOF'"\n${manyLines('[#USERNAME#] x', b - 40)}exec "EOF"`],
  // Prompt answers typed where the shell still reads: each is checked against what came before.
  ['one-tag lines in an open quote', (b) => `exec "echo '"\n${'exec "[#USERNAME#]"\n'.repeat(b / 20)}`],
];

/** The fastest of a few checks of `template`, in ms (the others carry the machine's noise). */
function fastest(template: string): number {
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    checkSshTemplate(template);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

console.log(
  `SSH template check, fastest of ${rounds}, at ${maxTemplateBytes / 4} and ${maxTemplateBytes} bytes (the limit); target < ${targetMs} ms`,
);
let worst = 0;
for (const [name, build] of shapes) {
  const quarter = fastest(build(maxTemplateBytes / 4));
  const full = fastest(build(maxTemplateBytes));
  worst = Math.max(worst, full);
  const growth = full / Math.max(quarter, 0.01);
  console.log(
    `${name.padEnd(28)} ${quarter.toFixed(1).padStart(7)} ms -> ${full.toFixed(1).padStart(7)} ms (x${growth.toFixed(1)})`,
  );
}
console.log(
  `slowest at the limit: ${worst.toFixed(0)} ms, ${worst < targetMs ? 'PASS' : 'MISS'} (target < ${targetMs} ms)`,
);
