/**
 * The rules that lose the shell reader's reading (shell-settings.ts), the lead-ins before a
 * command's name (lead-ins.ts) and the here-document bodies (here-document.ts), called directly:
 * each rule with its benign counterpart (`stty cols 200`, `set -o pipefail`, `trap '…' EXIT`…, as
 * MATCHING.md lists them), each entry of each list, so that a mutant of these pure functions is
 * seen without running bash.
 */
import { describe, expect, it } from 'vitest';
import {
  hereDocumentReasons,
  readHereDocumentBodies,
  type HereDocument,
} from '../../../../electron/plugins/ssh/template/here-document';
import { forKeywordAt, LeadInScan, pastLeadIns } from '../../../../electron/plugins/ssh/template/lead-ins';
import { lostReasons } from '../../../../electron/plugins/ssh/template/shell-settings';
import { Placement } from '../../../../electron/plugins/ssh/template/tag-placement';
import { checkRows, lost, word, words, type Row } from './support/settings-rows';

describe('whyReadingIsLost: names that BASH_ALIASES, BASH_CMDS and POSIXLY_CORRECT change', () => {
  checkRows([
    ['echo BASH_ALIASES', 'redefines'],
    ['echo ${BASH_CMDS[ls]}', 'redefines'],
    ['echo BASH_ENV', null],
    // A redirection's target is a file name, not a word the command reads.
    ['echo R:BASH_CMDS', null],
    ['POSIXLY_CORRECT=1', 'parsing'],
    ['FOO=1 POSIXLY_CORRECT=y', 'parsing'],
    ['export POSIXLY_CORRECT', 'parsing'],
    ['export POSIXLY_CORRECT=1', 'parsing'],
    // In the environment of one command only.
    ['POSIXLY_CORRECT=1 ls', null],
    ['echo POSIXLY_CORRECT', null],
    ['FOO=1', null],
    ['export X=1', null],
  ]);
});

describe('whyReadingIsLost: a command whose name is not plain text', () => {
  checkRows([
    ['X:$cmd arg', 'unnamed'],
    ['T:x arg', 'unnamed'],
    ['FOO=1 X:$cmd arg', 'unnamed'],
    ['if X:$cmd arg', 'unnamed'],
    // Alone, it defines nothing, but it may start a shell (c=sh, a user name sh or fish) that reads
    // the next lines.
    ['X:$cmd', 'unnamed'],
    ['T:x', 'unnamed'],
    ['echo hi', null],
  ]);
});

describe('whyReadingIsLost: a for loop over a variable bash runs or evaluates', () => {
  const hooks = ['PS0', 'PS1', 'PS2', 'PS3', 'PS4', 'PROMPT_COMMAND', 'BASH_ENV', 'ENV', 'BASH_XTRACEFD'];
  const arithmetic = ['OPTIND', 'RANDOM', 'SRANDOM', 'HISTCMD', 'MAILCHECK', 'SECONDS'];
  checkRows([
    ...[...hooks, ...arithmetic].map((name): Row => [`for ${name}`, 'redefines']),
    ['for PS1 in a b', 'redefines'],
    ['do for PROMPT_COMMAND', 'redefines'],
    ['for i in a b', null],
    ['for PS5', null],
    ['for XPS1', null],
    ['for PS1X', null],
    ['for ENVX', null],
    ['for', null],
    ['echo for PS4', null],
  ]);
});

describe('whyReadingIsLost: eval, bind, enable -f, fc, alias, hash', () => {
  checkRows([
    ['eval echo hi', 'redefines'],
    ['eval', 'redefines'],
    ['command eval echo', 'redefines'],
    ['bind -x x', 'redefines'],
    ['bind', 'redefines'],
    ['enable -f ./x.so x', 'redefines'],
    ['enable x', null],
    ['fc -s', 'redefines'],
    // alias with a definition, or a word a tag or an expansion builds.
    [['alias', 'll=ls -l'], 'redefines'],
    ['alias -p ll=ls', 'redefines'],
    ['alias T:x', 'redefines'],
    ['alias', null],
    ['alias ll', null],
    ['alias -p', null],
    // hash -p in any option group, its path attached or not.
    ['hash -p /bin/sh p', 'redefines'],
    ['hash -p/bin/sh p', 'redefines'],
    ['hash -rp /bin/sh p', 'redefines'],
    ['hash T:x', 'redefines'],
    ['/usr/bin/hash -p /bin/sh p', 'redefines'],
    // Found past wrappers, from the first word naming it.
    ['command hash -p /bin/sh p', 'redefines'],
    ['builtin hash -p /bin/sh p', 'redefines'],
    ['env hash -p /bin/sh p', 'redefines'],
    ['nice hash -p /bin/sh p', 'redefines'],
    ['hash -p /bin/sh p hash', 'redefines'],
    // sudo's -u and -p arguments are skipped: a tag there is no name, even one reading `hash`.
    ['sudo -u T:hash -p x hash -r', null],
    ['hash', null],
    ['hash -r', null],
    ['hash -t ls', null],
    ['hash -d ls', null],
    // An option group starts the word.
    ['hash foo-p', null],
  ]);
});

describe('whyReadingIsLost: trap', () => {
  const exitNames = ['EXIT', 'exit', 'SIGEXIT', 'sigexit', 'SigExit', '0'];
  const others = [
    'INT',
    'DEBUG',
    'CHLD',
    'SIGINT',
    'ERR',
    'RETURN',
    '10',
    'EXITX',
    'XEXIT',
    'SIG',
    'SIGEXITX',
  ];
  checkRows([
    ...exitNames.map((name): Row => [['trap', 'echo bye', name], null]),
    ...others.map((name): Row => [['trap', 'echo bye', name], 'redefines']),
    // Listing, resetting, ignoring.
    ['trap', null],
    ['trap --', null],
    ['trap -p', null],
    ['trap -p INT', null],
    ['trap -l', null],
    ['trap -l INT', null],
    ['trap - INT', null],
    [['trap', '', 'INT'], null],
    ['trap INT', null],
    // A first word that is a condition is still the action when more follow.
    ['trap INT QUIT', 'redefines'],
    ['trap x EXIT INT', 'redefines'],
    ['trap x INT EXIT', 'redefines'],
    ['trap -- x EXIT', null],
    ['trap -- x INT', 'redefines'],
    ['trap -- - INT', null],
    ['trap T:x EXIT', 'redefines'],
    ['trap X:$a EXIT', 'redefines'],
  ]);
});

describe('whyReadingIsLost: mapfile -C, declare -n and -i, words an expansion builds', () => {
  const namers = ['declare', 'typeset', 'local', 'export', 'readonly', 'read', 'mapfile', 'readarray'];
  checkRows([
    ['mapfile -C cb arr', 'redefines'],
    ['readarray -C cb arr', 'redefines'],
    ['mapfile -tC cb arr', 'redefines'],
    ['mapfile -t arr', null],
    ['readarray -t arr', null],
    ['mapfile -c 5 arr', null],
    // -C is mapfile's callback only.
    ['ls -C', null],
    ['cp -C a b', null],
    ...['declare', 'typeset', 'local'].flatMap((name): Row[] => [
      [`${name} -n ref=x`, 'redefines'],
      [`${name} -i n`, 'redefines'],
      [`${name} -x X=1`, null],
    ]),
    ['declare -in r', 'redefines'],
    ['declare +i n', 'redefines'],
    ['declare -a arr', null],
    ['declare -I x', null],
    ['export -n X', null],
    ['readonly X', null],
    ...namers.map((name): Row => [`${name} X:$n`, 'redefines']),
    ['printf -v X:$n v', 'redefines'],
    // printf with a first word an expansion builds could be printf -v.
    ['printf X:$fmt', 'redefines'],
    ['printf -v name %s', null],
    ['printf %s X:$a', null],
    ['read -r line', null],
    // A tag completing an option; a tag alone is a value, not a name.
    ['declare T:-x', 'redefines'],
    ['declare T:+x', 'redefines'],
    ['declare T:val', null],
    ['declare T:a-b', null],
    ['unset X:$n', null],
    ['echo X:$n', null],
  ]);
});

describe('whyReadingIsLost: a shell started to read the next lines', () => {
  const shells = [
    'sh',
    'rbash',
    'dash',
    'ash',
    'ksh',
    'ksh93',
    'mksh',
    'pdksh',
    'oksh',
    'zsh',
    'yash',
    'posh',
    'csh',
    'tcsh',
    'fish',
  ];
  const sameDialect = ['-i', '-l', '-il', '-li', '-lil', '--login', '--norc', '--noprofile', '-', '--'];
  const otherOptions = ['--posix', '-k', '-ik', '-s', '+i', '-I', '--loginx', '---', '-x', 'T:-i', 'X:$o'];
  checkRows([
    ...shells.map((name): Row => [name, 'parsing']),
    ...shells.map((name): Row => [`${name} -i`, 'parsing']),
    ['exec sh', 'parsing'],
    ['sh -x', 'parsing'],
    ['sh +x', 'parsing'],
    ['bash', null],
    ...sameDialect.map((option): Row => [`bash ${option}`, null]),
    ['bash -i --norc --noprofile', null],
    ...otherOptions.map((option): Row => [`bash ${option}`, 'parsing']),
    ['bash -i -k', 'parsing'],
    // An option's argument is not a script (found by this file's own review).
    ['bash -o posix', 'parsing'],
    ['bash -O extglob', 'parsing'],
    ['bash +o emacs', 'parsing'],
    ['bash -i -o posix', 'parsing'],
    ['bash --rcfile x', 'parsing'],
    ['sh -o vi', 'parsing'],
    ['bash -o posix script.sh', null],
    ['bash -o posix -c', null],
    // A tag completing -c is not known to be -c.
    ['bash T:-c', 'parsing'],
    // A script or -c: the shell runs it and returns.
    ['sh script.sh', null],
    ['sh -x script.sh', null],
    // A - or + inside a script's name makes no option of it.
    ['sh my-script.sh', null],
    ['bash a+b.sh', null],
    ['sh -c', null],
    ['sh -xc', null],
    [['sh', '-c', 'ls'], null],
    ['bash -ic', null],
    ['tset', 'parsing'],
    ['reset', 'parsing'],
    ['clear', null],
  ]);

  it.each([
    [false, true, lostReasons.parsing],
    [true, true, null],
    // In a later stage of a pipeline or a substitution, what it reads is not known (cat | sh).
    [false, false, lostReasons.parsing],
    // A here-document, a here-string or a file: not the terminal.
    [true, false, null],
  ])('sh with readsInput %s and readsTerminal %s → %s', (readsInput, readsTerminal, reason) => {
    expect(lost('sh', readsInput, readsTerminal)).toBe(reason);
    expect(lost('exec sh', readsInput, readsTerminal)).toBe(reason);
  });
});

describe('whyReadingIsLost: source', () => {
  checkRows([
    ['source f', null],
    ['. f', null],
    ['source T:x', 'redefines'],
    ['source /dev/stdin', 'redefines'],
    ['source /dev/stdin arg', 'redefines'],
    ['. /dev/fd/3', 'redefines'],
    ['source /proc/self/fd/0', 'redefines'],
    ['source /proc/1/fd/5', 'redefines'],
    ['source /dev/stdinx', 'redefines'],
    ['source x/dev/stdin', null],
    ['source /proc/a/b/fd/0', null],
    ['source /proc//fd/0', null],
    ['source /dev/fd', null],
  ]);

  it('refuses a source that reads a redirection (a here-string, <(…)), and no other command', () => {
    expect(lost('source f', true)).toBe(lostReasons.redefines);
    expect(lost('. f', true)).toBe(lostReasons.redefines);
    expect(lost('cat f', true)).toBeNull();
  });
});

describe('whyReadingIsLost: set', () => {
  const parsingModes = ['posix', 'keyword', 'interactive-comments', 'histexpand', 'onecmd', 'vi'];
  checkRows([
    ['set -k', 'parsing'],
    ['set -H', 'parsing'],
    ['set -t', 'parsing'],
    ['set -ek', 'parsing'],
    ['set +H', null],
    ['set +k', null],
    ['set -e', null],
    ['set -eux', null],
    ['set -- a b', null],
    ['set - a', null],
    ...parsingModes.map((mode): Row => [`set -o ${mode}`, 'parsing']),
    ['set -eo posix', 'parsing'],
    ['set +o posix', null],
    ['set +o vi', null],
    ['set +o interactive-comments', 'parsing'],
    ['set -o pipefail', null],
    ['set -euo pipefail', null],
    ['set -o emacs', null],
    ['set -o', null],
    ['set X:$x', 'parsing'],
    ['set T:-k', 'parsing'],
    // Device CLIs' `set user [#USERNAME#]`.
    ['set user T:name', null],
    ['set T:val', null],
  ]);
});

describe('whyReadingIsLost: shopt', () => {
  const parsingShopts = [
    'extquote',
    'interactive_comments',
    'expand_aliases',
    'extglob',
    'lastpipe',
    'compat31',
    'compat44',
    'histverify',
    'histreedit',
    'xpg_echo',
    'posix',
  ];
  checkRows([
    ...parsingShopts.map((name): Row => [`shopt -s ${name}`, 'parsing']),
    ['shopt -u extglob', 'parsing'],
    ['shopt -s nullglob', null],
    ['shopt -s dotglob', null],
    ['shopt -s compat', null],
    ['shopt -s extglobx', null],
    ['shopt -s xextglob', null],
    ['shopt', null],
    ['shopt -p', null],
    // -o takes set -o's names, by the sign -s or -u gives.
    ['shopt -so keyword', 'parsing'],
    ['shopt -so posix', 'parsing'],
    ['shopt -s -o vi', 'parsing'],
    ['shopt -uo posix', null],
    ['shopt -uo interactive-comments', 'parsing'],
    ['shopt -so interactive-comments', 'parsing'],
    ['shopt -o -u interactive-comments', 'parsing'],
    ['shopt -so pipefail', null],
    ['shopt -so extglob', null],
    ['shopt -o', null],
    ['shopt X:$x', 'parsing'],
  ]);
});

describe('whyReadingIsLost: stty', () => {
  const sttyKeys = [
    'erase',
    'kill',
    'werase',
    'lnext',
    'rprnt',
    'reprint',
    'eof',
    'eol',
    'eol2',
    'intr',
    'quit',
    'susp',
    'start',
    'stop',
    'discard',
    'swtch',
    'dsusp',
    'status',
    'flush',
  ];
  checkRows([
    ...sttyKeys.map((key): Row => [['stty', key, "'"], 'parsing']),
    ...sttyKeys.map((key): Row => [['stty', key, '^X'], null]),
    ['stty erase ^?', null],
    ['stty erase ^-', null],
    ['stty erase undef', null],
    ['stty erase', 'parsing'],
    ['stty erase ^HH', 'parsing'],
    ['stty erase ^', 'parsing'],
    ['stty erase undefx', 'parsing'],
    ['stty erase xundef', 'parsing'],
    ['stty erase T:x', 'parsing'],
    ['stty cols 200 erase ^H', null],
    ['stty erase ^H kill @', 'parsing'],
    // A saved setting (stty -g's output).
    ['stty 500:5:bf:8a3b:3:1c:7f', 'parsing'],
    ['stty T:x', 'parsing'],
    ['stty cols 200', null],
    ['stty sane', null],
    ['stty -echo', null],
    ['stty -g', null],
    ['stty', null],
  ]);
});

describe('whyReadingIsLost: stty run by another command', () => {
  const before = [' ', '\t', ';', '&', '|', '(', '`', "'", '"'];
  const after = [' ', '\t', ';', '&', '|', ')', '`', "'", '"'];
  checkRows([
    ['find . -exec stty sane ;', 'parsing'],
    [['sh', '-c', 'stty werase x'], 'parsing'],
    ...before.map((c): Row => [['echo', `x${c}stty`], 'parsing']),
    ...after.map((c): Row => [['echo', `stty${c}x`], 'parsing']),
    ['echo sttyx', null],
    ['echo xstty', null],
    ['echo stty2', null],
    ['echo x.stty', null],
  ]);
});

describe('pastLeadIns', () => {
  const leadIns = ['!', '{', '}', 'if', 'then', 'else', 'elif', 'while', 'until', 'do', 'time'];
  it.each([
    ...leadIns.map((leadIn): readonly [string, boolean, number] => [`${leadIn} ls`, false, 1]),
    ['', false, 0],
    ['ls', false, 0],
    ['ls if', false, 0],
    ['if then ls', false, 2],
    ['time -p ls', false, 2],
    ['time -p -- ls', false, 3],
    ['time -- -p ls', false, 3],
    ['time -p -p ls', false, 3],
    ['time -x', false, 1],
    ['-p ls', false, 0],
    ['-- ls', false, 0],
    ['! -p', false, 1],
    ['time ! -p', false, 2],
    ['! time -p ls', false, 3],
    ['T:if ls', false, 0],
    ['if T:then', false, 1],
    ['X:$a', false, 0],
    ['FOO=1 ls', true, 1],
    ['FOO=1 ls', false, 0],
    ['ls FOO=1', true, 0],
    ['FOO=1 BAR=2 if ls', true, 3],
    ['if FOO=1 ls', true, 2],
    // An assignment ends time's options.
    ['time FOO=1 -p', true, 2],
    ['time -p FOO=1 ls', true, 3],
    ['FOO=1 -p x', true, 1],
  ] as const)('%j (assignments skipped: %s) → %i', (spec, skip, at) => {
    expect(pastLeadIns(spec === '' ? [] : words(spec), skip)).toBe(at);
  });
});

describe('LeadInScan', () => {
  it('counts the lead-ins one word at a time, and nothing after the first other word', () => {
    const scan = new LeadInScan(false);
    expect(scan.onlyLeadIns).toBe(true);
    expect(scan.push(word('if'))).toBe(true);
    expect(scan.onlyLeadIns).toBe(true);
    expect(scan.push(word('ls'))).toBe(false);
    expect(scan.onlyLeadIns).toBe(false);
    expect(scan.push(word('then'))).toBe(false);
    expect(scan.count).toBe(1);
  });

  it('skips assignments only when asked, and never after the name', () => {
    const skipping = new LeadInScan(true);
    expect(skipping.push(word('FOO=1'))).toBe(true);
    expect(skipping.push(word('ls'))).toBe(false);
    expect(skipping.push(word('BAR=2'))).toBe(false);
    expect(skipping.count).toBe(1);
    const keeping = new LeadInScan(false);
    expect(keeping.push(word('FOO=1'))).toBe(false);
    expect(keeping.count).toBe(0);
  });
});

describe('forKeywordAt', () => {
  it.each([
    ['for i', 0],
    ['do for i', 1],
    ['! for', 1],
    ['time -p for', 2],
    // Assignments before a for are no lead-ins (bash takes for as a command name there).
    ['FOO=1 for', -1],
    ['T:for', -1],
    ['echo for', -1],
    ['', -1],
    ['if', -1],
    ['if then', -1],
  ] as const)('%j → %i', (spec, at) => {
    expect(forKeywordAt(spec === '' ? [] : words(spec))).toBe(at);
  });
});

type Item = string | Placement;

/** Items as the reader makes them: one per character, `§` a tag (the texts here are one UTF-16 unit each). */
function itemsOf(text: string): Item[] {
  return text.split('').map((c, i) => (c === '§' ? new Placement(i) : c));
}

function doc(delimiter: string, quoted: boolean, options: Partial<HereDocument> = {}): HereDocument {
  return { delimiter, quoted, stripTabs: false, reader: null, ...options };
}

/** The tags' contexts and refusals, in order. */
const refusals = (tags: readonly Placement[]): [string, string | null, string | null][] =>
  tags.map((tag) => [tag.context, tag.refusedForAll, tag.refusedQuoted]);

describe('readHereDocumentBodies: where a body ends', () => {
  it('reads the lines up to the delimiter, and gives the item after its line', () => {
    const items = itemsOf('a§\nEOF\nls');
    const result = readHereDocumentBodies(items, 0, [doc('EOF', true)]);
    expect(result.next).toBe(7);
    expect(result.lineStarts).toEqual([0]);
    expect(result.tags).toEqual([items[1]]);
    expect(refusals(result.tags)).toEqual([['here-document', null, null]]);
  });

  it('starts at `from`', () => {
    const items = itemsOf('cat <<EOF\n§\nEOF\n');
    const result = readHereDocumentBodies(items, 10, [doc('EOF', true)]);
    expect(result).toEqual({ next: 16, tags: [items[10]], lineStarts: [10], lost: null });
  });

  it('reads several bodies in order', () => {
    const items = itemsOf('a\nEOF\n§\nEND\nls');
    const result = readHereDocumentBodies(items, 0, [doc('EOF', true), doc('END', true)]);
    expect(result).toEqual({ next: 12, tags: [items[6]], lineStarts: [0, 6], lost: null });
  });

  it('runs a body to the end of the input, past it', () => {
    const items = itemsOf('a\n§');
    expect(readHereDocumentBodies(items, 0, [doc('EOF', true), doc('END', true)])).toEqual({
      next: 4,
      tags: [items[2]],
      lineStarts: [0, 2],
      lost: null,
    });
    expect(readHereDocumentBodies(itemsOf('a\n'), 0, [doc('EOF', true)])).toEqual({
      next: 2,
      tags: [],
      lineStarts: [0],
      lost: null,
    });
    expect(readHereDocumentBodies(itemsOf('\tEOF'), 0, [doc('EOF', true)])).toEqual({
      next: 5,
      tags: [],
      lineStarts: [0],
      lost: null,
    });
  });

  it('ends an empty delimiter at an empty line', () => {
    const items = itemsOf('a\n\n§');
    expect(readHereDocumentBodies(items, 0, [doc('', true)])).toEqual({
      next: 3,
      tags: [],
      lineStarts: [0],
      lost: null,
    });
  });

  it('strips leading tabs for <<- only, all of them and only leading ones', () => {
    const strip = { stripTabs: true };
    expect(readHereDocumentBodies(itemsOf('\tEOF\nls'), 0, [doc('EOF', true, strip)]).next).toBe(5);
    expect(readHereDocumentBodies(itemsOf('\t\tEOF\nls'), 0, [doc('EOF', true, strip)]).next).toBe(6);
    expect(readHereDocumentBodies(itemsOf('E\tOF\nEOF\nls'), 0, [doc('EOF', true, strip)])).toEqual({
      next: 9,
      tags: [],
      lineStarts: [0],
      lost: null,
    });
    expect(readHereDocumentBodies(itemsOf('\tEOF\nEOF\nls'), 0, [doc('EOF', true)])).toEqual({
      next: 9,
      tags: [],
      lineStarts: [0],
      lost: null,
    });
  });

  it('does not end on a line whose text is the delimiter and that holds a tag', () => {
    const items = itemsOf('EOF§\nEOF\nls');
    const result = readHereDocumentBodies(items, 0, [doc('EOF', true)]);
    expect(result).toEqual({ next: 9, tags: [items[3]], lineStarts: [0], lost: null });
    expect(refusals(result.tags)).toEqual([['here-document', null, null]]);
  });
});

describe('readHereDocumentBodies: a line a value could make the delimiter', () => {
  const end = hereDocumentReasons.end;
  it.each([
    ['§', 'EOF', end],
    ['E§', 'EOF', end],
    ['§F', 'EOF', end],
    ['E§F', 'EOF', end],
    ['§§', 'EOF', end],
    // A value is one character or more.
    ['EOF§', 'EOF', null],
    ['EO§F', 'EOF', null],
    ['x§', 'EOF', null],
    // The whole delimiter, from its start to its end.
    ['§x', 'axb', null],
    ['a§', 'bax', null],
    // Regex characters in the line are literal.
    ['a.§', 'a.b', end],
    ['a.§', 'axb', null],
    ['a*§', 'a*x', end],
    ['a*§', 'x', null],
    ['a+§', 'a+z', end],
    ['a+§', 'aaz', null],
    ['a?§', 'a?z', end],
    ['a?§', 'z', null],
    ['a^§', 'a^z', end],
    ['a$§', 'a$z', end],
    ['a{2}§', 'a{2}z', end],
    ['a{2}§', 'aaz', null],
    ['[ab]§', '[ab]z', end],
    ['[ab]§', 'az', null],
    ['(a)§', '(a)z', end],
    ['(a)§', 'az', null],
    ['a|§', 'a|z', end],
    ['a|§', 'zz', null],
    ['a\\§', 'a\\z', end],
    ['a\\§', 'a.z', null],
  ] as const)('line %j, delimiter %j → %s', (line, delimiter, reason) => {
    const { tags } = readHereDocumentBodies(itemsOf(`${line}\n${delimiter}\n`), 0, [doc(delimiter, true)]);
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect([tag.context, tag.refusedForAll]).toEqual(['here-document', reason]);
  });

  it('escapes every regex character of a string item, not only the first', () => {
    const at = (delimiter: string): string | null => {
      const tag = new Placement(1);
      readHereDocumentBodies(['a.b.', tag, '\n', delimiter, '\n'], 0, [doc(delimiter, true)]);
      return tag.refusedForAll;
    };
    expect(at('a.b.z')).toBe(end);
    expect(at('a.bxz')).toBeNull();
  });

  it('with <<-, still reads the line against the whole delimiter', () => {
    const strip = { stripTabs: true };
    const whole = readHereDocumentBodies(itemsOf('§\nEOF\n'), 0, [doc('EOF', true, strip)]);
    expect(refusals(whole.tags)).toEqual([['here-document', end, null]]);
    const start = readHereDocumentBodies(itemsOf('E§\nxEOF\n'), 0, [doc('xEOF', true, strip)]);
    expect(refusals(start.tags)).toEqual([['here-document', null, null]]);
  });
});

describe('readHereDocumentBodies: expansions, an unquoted delimiter, a reader', () => {
  const { expands, expansion, end } = hereDocumentReasons;

  it('refuses only values that need quoting under an unquoted delimiter', () => {
    const { tags } = readHereDocumentBodies(itemsOf('a §\nEOF\n'), 0, [doc('EOF', false)]);
    expect(refusals(tags)).toEqual([['here-document', null, expands]]);
  });

  it.each(['$(x)', '${x}', '$[1]', '`x`'])('refuses every value after %j, on its line or later', (text) => {
    const sameLine = readHereDocumentBodies(itemsOf(`${text} §\nEOF\n`), 0, [doc('EOF', false)]);
    expect(refusals(sameLine.tags)).toEqual([['here-document', expansion, expands]]);
    const later = readHereDocumentBodies(itemsOf(`${text}\na\nx§\nEOF\n`), 0, [doc('EOF', false)]);
    expect(refusals(later.tags)).toEqual([['here-document', expansion, expands]]);
    // Quoted, bash expands nothing.
    const quoted = readHereDocumentBodies(itemsOf(`${text}\nx§\nEOF\n`), 0, [doc('EOF', true)]);
    expect(refusals(quoted.tags)).toEqual([['here-document', null, null]]);
  });

  it.each(['$x', '(x)', '$ (x)', '{x}', '[x]'])('refuses no value after %j', (text) => {
    const { tags } = readHereDocumentBodies(itemsOf(`${text}\nx§\nEOF\n`), 0, [doc('EOF', false)]);
    expect(refusals(tags)).toEqual([['here-document', null, expands]]);
  });

  it("forgets one body's expansions in the next", () => {
    const { tags } = readHereDocumentBodies(itemsOf('$(x)\nEOF\nx§\nEND\n'), 0, [
      doc('EOF', false),
      doc('END', false),
    ]);
    expect(refusals(tags)).toEqual([['here-document', null, expands]]);
  });

  it('gives the delimiter reason first when both hold', () => {
    const { tags } = readHereDocumentBodies(itemsOf('$(x)\nE§\nEOF\n'), 0, [doc('EOF', false)]);
    expect(refusals(tags)).toEqual([['here-document', end, expands]]);
  });

  it('names the reader fed the body, after the unquoted reason', () => {
    const fedTo =
      'is in a here-document fed to sh, which can run what it reads as code (quoting does not hold there)';
    expect(hereDocumentReasons.reader('sh')).toBe(fedTo);
    const quoted = readHereDocumentBodies(itemsOf('x§\nEOF\n'), 0, [doc('EOF', true, { reader: 'sh' })]);
    expect(refusals(quoted.tags)).toEqual([['here-document', null, fedTo]]);
    const unquoted = readHereDocumentBodies(itemsOf('x§\nEOF\n'), 0, [doc('EOF', false, { reader: 'sh' })]);
    expect(refusals(unquoted.tags)).toEqual([['here-document', null, expands]]);
  });
});

// Surviving mutants left, with this file alone (Stryker, --mutate on the three files):
// - here-document.ts, RegExp flag 's' → '': only a delimiter holding a line end differs, and no
//   single body line can equal one, so refusing there or not changes nothing bash does.
// - here-document.ts, `typeof item === 'string' ? item : ''` → `true ? …` or → 'Stryker was
//   here!': the line's text differs only where a tag sits, and the text is read for `$(`, `${`,
//   `$[` and a backtick alone; a tag splitting or completing one of these (`$§(`, `$§`) is what
//   either variant reads differently; neither asks for a command substitution bash would run.
// - here-document.ts, `tags.length > 0 &&` → `true &&` or `>= 0`: with no tag the loop that uses
//   `ending` refuses nothing, and couldBeDelimiter has no side effect.
// - lead-ins.ts, `if (this.#ended) return false` → `if (false)`: #ended never turns back to false,
//   so a word after it neither counts nor changes the result (only #afterTime, unread by then).
// - shell-settings.ts, argumentsOf's `at < 0 ? [] : …` → `false ? …` or `["Stryker was here"]`: a
//   named rule's name is always one of the command's known words (classifyCommand takes it from
//   one), so `at < 0` happens only for names no rule reads ('', an unnamed command).
// - shell-settings.ts, `?? ''` → `?? 'Stryker was here!'` after `rest[i + 1]?.text` (stty, set)
//   and `args[at + 1]?.text` (for): neither string is a control key, a parsing mode or a hook.
// - shell-settings.ts, shopt's sign `'+'` → `''`: changesParsing reads any sign but '-' as unset.
// - shell-settings.ts, shopt's `names` without the filter: an option word is no parsing name
//   (`-o` in parsingShopts is only reached with -o given, where set -o's names are read instead).
