// The shell reader's surviving mutants of issue 15 (`npm run mutation`, module "ssh shell reader",
// run at 1355c9c), part h: shell-reader.ts from its start to line 661 (#endWord's subscript test).
// Of the 55 survivors and no-coverage mutants there, 53 are explained as equivalent in the
// closing comments of shell-reader-survivors-f and -g.test.ts (most argued first in -a, -b and
// -d), listed by their positions at the end of this file; the two below were not, and each line
// of this file's table tells one of them apart from the code by each tag's exact placement. Both
// lines are ones bash refuses (a syntax error): an interactive bash drops such a line and reads
// the next one as a command, as the reader does.

import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { placements } from './support/reader-placements';

/** Each line (§ a tag), its tags' placements, and the mutant it kills (position at 1355c9c). */
const table: readonly (readonly [string, string, string])[] = [
  // Only < starts a here-document: `cat >< x` is > then <, whose target x is a file, so the next
  // line is a command, not a body that x would end (bash: a syntax error at <, then it runs the
  // next line).
  [
    'cat >< x\n§',
    'unquoted start fresh quoted:notPlain',
    '590:9 ConditionalExpression (char === "<" → true)',
  ],
  ['cat ><x\n§', 'unquoted start fresh quoted:notPlain', 'the same, with no blank'],
  // Nor does `><(…)` make the substitution a here-document's delimiter (which loses the reading).
  ['echo a ><(cat) §', 'unquoted start', 'the same'],
  // &>( is read as &> then >(…): the process substitution is a word of the command (its name
  // here), not the target of a redirection, so eval is not the command's name (bash: a syntax
  // error at the ( after &>). Stepping back instead of on (#at--) reads the > twice, and the
  // first reading leaves redirectNext set for the substitution's word.
  ['&>(cat) eval §', 'unquoted start quoted:notPlain', '543:7 UpdateOperator (#at-- for &>)'],
  ['&>(cat) sh -c §', 'unquoted start quoted:notPlain', 'the same'],
];

describe('shell reader survivors (part h): where each tag of a typed line lands', () => {
  it.each(table)('%j', (line, expected) => {
    expect(placements(line)).toBe(expected);
  });
});

describe('shell reader survivors (part h): the check on whole templates', () => {
  it('a value on the line after `cat >< x` is a command of its own, not in a here-document body', () => {
    expect(checkSshTemplate('exec "cat >< x"\nexec "echo [#ADD_INFO#]"')).toEqual([]);
    // The same with << is a here-document whose body x ends: a value alone on a body line could
    // end it.
    expect(checkSshTemplate('exec "cat << x"\nexec "[#ADD_INFO#]"')).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringContaining('here-document') as string }),
    ]);
  });
});

/*
 * The other survivors of shell-reader.ts up to line 661 at 1355c9c: each is explained as
 * equivalent at the position the file it is in gives (shell-reader.ts moved by six lines since
 * shell-reader-survivors-f.test.ts, and by six since the first rows of -g.test.ts). Each
 * argument was read again against the code at this file's commit and holds.
 *
 * In shell-reader-survivors-f.test.ts (position there → at 1355c9c):
 * - 62:29 → 68:29 ArrayDeclaration (#items); 65:52 → 71:52 StringLiteral (#before's start);
 *   76:39 → 82:39 ArrayDeclaration (bodyLineStarts); 80:24 → 86:24 EqualityOperator (<=);
 *   82:11 → 88:11 ConditionalExpression (false); 88:11, 89:16 → 94:11, 95:16 OptionalChaining
 *   (frame.kind); 102:18 → 108:18 ArithmeticOperator (+ 1); 104:11 → 110:11 OptionalChaining;
 *   106:21 → 112:21 StringLiteral (no coverage); 128:9 → 134:9 ConditionalExpression (true);
 *   156:23 → 162:23 StringLiteral (context ""); 190:9, 190:50 → 196:9, 196:50; 256:62 → 262:62
 *   BooleanLiteral; 325:14, 338:9, 596:16 → 331:14, 344:9, 602:16 ConditionalExpression (true:
 *   a tag or undefined is no operator character); 344:9, 344:56 → 350:9, 350:56; 373:9 → 379:9
 *   ConditionalExpression (false); 381:24, 444:22, 454:26, 462:22, 529:20, 581:22 → 387:24,
 *   450:22, 460:26, 468:22, 535:20, 587:22 StringLiteral ("" for 'start'); 495:50 → 501:50 ("" for
 *   'plain'); 396:43 → 402:43 BlockStatement ($"…"); 403:14 → 409:14 ConditionalExpression
 *   (true); 460:37 → 466:37 ConditionalExpression (false); 503:7, 566:33 → 509:7, 572:33
 *   ConditionalExpression (true: a raw with a tag's marker matches no name nor digits); 523:46 →
 *   529:46 StringLiteral ("" for 'do'); 532:11 → 538:11 ConditionalExpression (false); 543:31 →
 *   549:31 StringLiteral ("" for 'pipe'); 547:27 → 553:27 ConditionalExpression (true).
 * - 537:7 → 543:7 UpdateOperator (#at-- for &>) is listed there too, but its argument misses &>(:
 *   there the second #redirection call returns at the ( without setting redirectNext, which the
 *   first one set. It is killed above.
 *
 * In shell-reader-survivors-g.test.ts (position there → at 1355c9c):
 * - 600:20, 627:22, 636:22 → 606:20, 633:22, 642:22 StringLiteral ("" for 'start').
 * - 611:38 → 617:38 ConditionalExpression (true: a word with a tag's marker in raw is never for).
 * - 631:9 → 637:9 LogicalOperator (||), ConditionalExpression (true); 631:33 → 637:33
 *   ConditionalExpression (true), EqualityOperator (>=): the command frame on top has the closer
 *   ) exactly when the stack holds more than one frame.
 * - 652:37 → 658:37 StringLiteral (name's fallback "Stryker was here!").
 * - 655:11 → 661:11 ConditionalExpression (true, twice), LogicalOperator (||); 655:25 → 661:25
 *   StringLiteral; 655:31 → 661:31 ConditionalExpression (true), EqualityOperator (>=); 655:57 →
 *   661:57 EqualityOperator (<=): a tag's rawIndex is never in the name, at its [, or at the = or
 *   + after the subscript's ].
 */
