// The surviving mutants of shell-context.ts's code of 4 December (`npm run mutation`, module "ssh
// shell context"), part c: history expansion read over all shell lines as one text, PYTHONINSPECT
// named on a shell line, and a launcher on a split line. Each row names the mutants it tells
// apart from the code (positions in shell-context.ts at this file's commit).

import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { parseTemplate } from '../../../../electron/plugins/ssh/template/parser';
import { placeTemplateTags } from '../../../../electron/plugins/ssh/template/shell-context';
import { reasons } from '../../../../electron/plugins/ssh/template/tag-placement';

/** Why each tag of a template is refused for every value, in line order. */
function refusedForAll(lines: readonly string[]): (string | null)[] {
  const parsed = parseTemplate(lines.join('\n'));
  expect(parsed.problems).toEqual([]);
  return [...placeTemplateTags(parsed.commands).values()].flat().map((tag) => tag.refusedForAll);
}

describe('history expansion on a shell line assembled from a write', () => {
  // 228:5 AssignmentOperator (&&=): the whole line `echo !$` asks for it; neither part does, and
  // the apostrophe of a comment before makes the text read as one hide it in quotes.
  it('is found on the line, whatever the lines before leave open', () => {
    expect(
      refusedForAll(['exec "echo # don\'t"', 'write "echo !"', 'exec "$"', 'exec "echo [#ADD_INFO#]"']),
    ).toEqual([reasons.history]);
  });

  it('and only a `!` bash acts on counts: a comment line with an apostrophe alone refuses nothing', () => {
    expect(refusedForAll(['exec "echo # don\'t"', 'exec "echo [#ADD_INFO#]"'])).toEqual([null]);
  });
});

describe('PYTHONINSPECT', () => {
  // inspecting: named on a shell line before python3 -c, the console stays; after it, the
  // python3 that ran has returned already.
  it('exported before python3 -c keeps a console the check does not follow', () => {
    expect(
      checkSshTemplate(
        ['exec "export PYTHONINSPECT=1"', 'exec "python3 -c pass"', 'exec "echo [#ADD_INFO#]"'].join('\n'),
      ),
    ).not.toEqual([]);
  });

  it('exported after it changes nothing for it', () => {
    expect(
      checkSshTemplate(
        ['exec "python3 -c pass"', 'exec "export PYTHONINSPECT=1"', 'exec "echo [#ADD_INFO#]"'].join('\n'),
      ),
    ).toEqual([]);
  });
});

describe('a launcher on a line split over a write', () => {
  // `pyth` then `on3` is python3 as bash assembles it, a start this check does not follow even
  // with its expect. 233:19 and 241:19 ConditionalExpression (false), `split` taken as false, are
  // equivalent: the last part of a split line is typed while the shell is still reading the line,
  // so whyTheShellReadsIt never finds a fresh start there and the console is not followed anyway.
  it('starts a console the check does not follow', () => {
    expect(
      refusedForAll(['write "pyth"', 'exec "on3"', 'expect ">>>"', 'exec "x = [#ADD_INFO#]"']).map((r) =>
        r?.startsWith('is sent to a console, started in a way this check does not follow'),
      ),
    ).toEqual([true]);
  });
});
