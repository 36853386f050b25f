/**
 * The surviving mutants of shell-context.ts, lines 40 to 186 (`npm run mutation`, module "ssh
 * shell context"): the hook names (hooks), the readings of a template's here-documents
 * (placeTemplateTags), the template text PYTHONINSPECT is looked for in, the line ending, the
 * expects, a console's exit, and the one-tag lines' probes (placeLines). Each template goes through
 * the editor's check (checkSshTemplate), as one-tag-line.test.ts and second-readers-check.test.ts
 * drive it; each row names the mutants it tells apart from the code (`LINE:COL Mutator
 * (replacement)`, positions in shell-context.ts). The mutants no input can tell apart are explained
 * at the end of this file.
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { reasons } from '../../../../electron/plugins/ssh/template/tag-placement';

/** The refusals of a template (its lines joined), as `line: reason` (the text after "the tag "). */
const refusals = (lines: readonly string[]): string[] =>
  checkSshTemplate(lines.join('\n')).map(
    (problem) => `${problem.line}: ${problem.message.replace(/^.*? cannot be used here: the tag /, '')}`,
  );

const stillReading =
  'is typed where the shell is still reading the lines before it (an open quote, an unfinished command, pipeline, if or group, a here-document, a construct this check does not follow), so it would read the value unquoted, as shell code';
const afterWrite =
  'is typed right after a write, on the same command line: the shell reads the value unquoted';
const unknownConsole = (name: string): string =>
  `is sent to ${name}, started in a way this check does not follow (behind another command, or with options it does not know): it reads the value with its own rules`;

describe('hooks: a line that names a variable changing what bash runs', () => {
  it.each([
    // 40:3 ConditionalExpression (false), LogicalOperator (&&), 40:31 Regex (/[^'"\\]/g): a hook
    // named as it is, with no PS1 in the line, refuses every value of the template.
    ['PROMPT_COMMAND=x', [`2: ${reasons.hooks}`]],
    // 40:31 Regex (/[^'"\\]/g), 40:42 StringLiteral ("Stryker was here!"): bash removes the quotes
    // inside a name (PROMPT''_COMMAND is PROMPT_COMMAND), so they are taken out before matching.
    ["export PROMPT''_COMMAND=x", [`2: ${reasons.hooks}`]],
    // 40:3 ConditionalExpression (false), LogicalOperator (&&), 40:50 Regex (PS[^1-3], `.` for
    // `.*`, [^0-7]): a PS1 with an octal escape that prompt expansion decodes (\044 is $), several
    // characters after the name, is a hook though the line holds no $ or `.
    ["echo PS1 x '\\\\044'", [`2: ${reasons.hooks}`]],
    // 40:50 Regex ([^0-7]): \9 and \u are no octal or hex escape: a PS1 with them is no hook.
    ["echo PS1 '\\\\9'", []],
    ["echo PS1 '\\\\u'", []],
  ])('%s', (line, expected) => {
    expect(refusals([`exec "${line}"`, 'exec "id [#USERNAME#]"'])).toEqual(expected);
  });
});

/** A here-document whose body line looks like a console's start (python3), then a tag after it. */
const hereDocument = (delimiter: string, line: number): string[] => [
  `exec "cat <<'${delimiter}' >/tmp/${delimiter}"`,
  'exec "python3"',
  `exec "${delimiter}"`,
  `exec "id [#USERNAME#] ${line}"`,
];

describe("placeTemplateTags: a here-document's body lines are read as data", () => {
  it('after one reading that took a body line for a console start, a second reading keeps the tag', () => {
    // 85:39 ArrowFunction (() => undefined): the second reading does agree with the first (every
    // body line it assumed is one), so its placements are kept, not refused by hereDocumentLines.
    // 86:21 ConditionalExpression (true), LogicalOperator (||), 86:31 ArrayDeclaration ([]), 87:9
    // ConditionalExpression (true), 87:21 LogicalOperator (agrees || …), 87:31 ConditionalExpression
    // (true), EqualityOperator (!==): the first reading, which looked for a console on the body
    // line python3 and refused the tag after it, is not settled (it found a body line it did not
    // assume). 93:9 ConditionalExpression (true), EqualityOperator (!==): nor refused at once.
    expect(refusals(hereDocument('EOF', 1))).toEqual([]);
  });

  it('four here-documents, each found by the reading before, take four readings', () => {
    // Reading n finds the body of here-document n (the readings before it took its python3 for a
    // console that reads all after it). The fourth reading still looks for a console on the fourth
    // body's python3: past it, the tag is refused (maxPasses is 4); before it, all are kept.
    // 83:24 UpdateOperator (pass--): the readings would go on to a fifth, which keeps the last tag.
    // 86:31 MethodExpression (some): the second reading (it assumed one body line and found two)
    // is not settled, so the tag after the second here-document is kept.
    // 87:9 LogicalOperator (settled && …), 87:21 ConditionalExpression (false): the fourth reading,
    // unsettled, is returned as it is, not refused by hereDocumentLines.
    const template = [1, 2, 3, 4].flatMap((n) => hereDocument(`E${n}`, n));
    expect(refusals(template)).toEqual([`16: ${unknownConsole('a console')}`]);
  });
});

describe('placeLines: PYTHONINSPECT anywhere in the template', () => {
  it('makes python3 -c a console this check does not follow', () => {
    // 137:33 ArrowFunction (() => undefined), 137:41 StringLiteral ('' in c): the template's text
    // is its lines' texts, where PYTHONINSPECT is looked for.
    const lines = ['exec "export PYTHONINSPECT=1"', 'exec "python3 -c pass"', 'exec "id [#USERNAME#]"'];
    expect(refusals(lines)).toEqual([`3: ${unknownConsole('a console')}`]);
    expect(refusals(lines.slice(1))).toEqual([]);
  });

  it('is not made of the end of one exec line and the start of the next', () => {
    // 137:87 StringLiteral (join ''): two exec lines are two shell lines (`echo PYTHON`, then
    // `INSPECT=1`): no PYTHONINSPECT is set.
    const lines = [
      'exec "echo PYTHON"',
      'exec "INSPECT=1"',
      'exec "python3 -c pass"',
      'exec "id [#USERNAME#]"',
    ];
    expect(refusals(lines)).toEqual([]);
  });
});

describe('placeLines: the line ending of set-new-line-mode', () => {
  it("windows' CR LF ends a line a \\ continues only into an empty line", () => {
    // 143:9 ConditionalExpression (false), 143:26 StringLiteral (""): with the unix ending the
    // line would go on into the next, and the one-tag line would be read by the shell.
    const lines = ['exec "echo a \\\\"', 'exec "[#NEW_PASSWORD#]"'];
    expect(refusals(['set-new-line-mode windows', ...lines])).toEqual([]);
    expect(refusals(lines)).toEqual([`2: ${stillReading}`]);
  });
});

const wlst = ['exec "/u01/oracle/common/bin/wlst.sh"', 'expect "*>"'];

describe('placeLines: consoles', () => {
  it('an expect-regex proves a console is there, as an expect does', () => {
    // 144:38 ConditionalExpression (false), 144:55 StringLiteral (""): without it the next line
    // would go to a console with no expect after its start, which refuses every value.
    const line = `exec "connect('[#USERNAME#]')"`;
    expect(refusals([wlst[0] ?? '', 'expect-regex ".*>"', line])).toEqual([]);
    expect(refusals([wlst[0] ?? '', line])).toEqual([
      `2: ${unknownConsole('a console with no expect after its start')}`,
    ]);
  });

  it('a write never closes the console: an exit() written waits for the rest of its line', () => {
    // 158:23 ConditionalExpression (true): a written exit() would close the console, and the line
    // after the expect would be read by the shell.
    expect(refusals([...wlst, 'write "exit()"', 'expect "$"', 'exec "id [#USERNAME#]"'])).toEqual([
      '5: comes after a line that may leave the console (an exit this check does not follow)',
    ]);
  });

  it('after an exit and an expect, the shell has been sent nothing: a one-tag line is an answer', () => {
    // 166:16 ArrayDeclaration (["Stryker was here"]): what was sent before the console is gone.
    expect(refusals([...wlst, 'exec "exit()"', 'expect "$"', 'exec "[#NEW_PASSWORD#]"'])).toEqual([]);
  });
});

describe('placeLines: a one-tag line the shell reads', () => {
  it('as a write, ends no line: the next one-tag line is typed right after it', () => {
    // 186:29 ConditionalExpression (true): a written tag is followed by no Enter, so the next line
    // is on the same command line (with an Enter, `echo \` and the value would be a finished line
    // and the next line a prompt answer).
    expect(refusals(['exec "echo \\\\"', 'write "[#NEW_PASSWORD#]"', 'exec "[#ADD_INFO#]"'])).toEqual([
      `2: ${stillReading}`,
      `3: ${afterWrite}`,
    ]);
  });
});

describe("placeLines: the one-tag lines' probes budget", () => {
  it('reads up to exactly probeBudget items, and takes the lines after as read by the shell', () => {
    // Each pair is a finished line of 65,536 items (65,535 characters and the Enter), then a
    // prompt answer whose probe reads them: after 16 probes exactly 16 × 64 Ki items were read.
    const pair = [`exec "echo ${'a'.repeat(65_530)}"`, 'exec "[#NEW_PASSWORD#]"'];
    const template = Array.from({ length: 17 }, () => pair).flat();
    // 176:26 EqualityOperator (<): the 16th probe, at exactly the budget, is still read.
    // 175:7 AssignmentOperator (-=), 176:26 ConditionalExpression (true): the 17th, past it, is
    // taken as read by the shell, though the shell would have finished reading.
    expect(refusals(template)).toEqual([`34: ${stillReading}`]);
  });
});

/*
 * Equivalent mutants (no input tells them apart from the code):
 * - 85:20 ArrayDeclaration ([] for [...assumed]): `agrees` would always be true. It is true in every
 *   reading already: each reading assumes the body lines of the reading before, which assumed a
 *   subset of them; up to the first line it newly assumes, the two readings are the same, so that
 *   line is a body line again. Skipping its console check changes nothing when it opened none;
 *   when it opened one, that console was not followed (a body line is read while the shell is still
 *   reading: whyTheShellReadsIt is not null), so it was unknown and never closes (console-session.ts,
 *   closesOn), and no line after it was read by the shell: every line newly assumed is at or before
 *   it, and every one is a body line again.
 * - 93:9 ConditionalExpression (false), 93:29 BlockStatement ({}): the block runs only when the
 *   last reading does not agree, which never happens (above): at maxPasses line 87 returns first.
 * - 86:21 ConditionalExpression (false), 86:52 ArrowFunction (() => undefined): `settled` would be
 *   false whenever there are body lines, so the readings go on to maxPasses and line 87 returns the
 *   last. A settled reading's body lines are the ones it assumed, so every reading after it reads
 *   the same lines with the same assumptions and places every tag the same: only time is lost.
 * - 137:77 StringLiteral ("Stryker was here!" for a command with no text): the template text is
 *   only searched for PYTHONINSPECT, which that text neither holds nor completes across a newline.
 * - 156:45 OptionalChaining (segments[0].kind): `segments.length === 1` is checked first, so
 *   segments[0] is always there.
 */
