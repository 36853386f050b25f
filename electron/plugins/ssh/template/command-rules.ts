/**
 * Which commands a quoted value may be an argument of. Single quoting keeps a value one literal
 * word for the shell that reads the line; these commands hand their arguments (or what they
 * read) to a second parser, where the quoting is gone: a shell, an interpreter, a command that
 * joins its arguments into a shell command (su, ssh, eval…), or a bash builtin that evaluates
 * variable names and arithmetic (`a[$(cmd)]` runs cmd). The lists are deliberately wide: the
 * check refuses what it cannot prove safe (see MATCHING.md, "Tags without a form").
 */

import { pastLeadIns } from './lead-ins';
import { readSedCommand, type SedLayer } from './sed-script';

/** A word of a simple command as the shell will pass it, when that can be known from the template. */
export interface CommandWord {
  /** The word after quote removal; meaningful only when `known`. */
  readonly text: string;
  /** No expansion, tag or glob in it: `text` is exactly what the program receives. */
  readonly known: boolean;
  /** An expansion or a glob in it (not only tags): it could become any word, `-v` too. */
  readonly expanded: boolean;
  /** A redirection's target (`> file`): not an argument. */
  readonly redirect: boolean;
  /** `NAME=value` or `NAME[i]=value` (an assignment when it comes before the command name). */
  readonly assignment: boolean;
  /** Like `text`, with each tag's value as a NUL: meaningful when not `expanded` (sed-script.ts). */
  readonly marked: string;
}

export type CommandClass =
  /** Quoted values are safe here; values with a form too. */
  | { readonly kind: 'plain'; readonly name: string }
  /**
   * A quoted value would be parsed again: refused, values with a form are still inserted.
   * `readsCode`: what is piped into it is run too (a shell, not sed or awk reading data).
   */
  | {
      readonly kind: 'reparsed';
      readonly reason: string;
      readonly name: string;
      readonly readsCode: boolean;
      /** sed with one s command as its script: the values in it are escaped for it instead. */
      readonly sed?: { readonly script: CommandWord; readonly layers: readonly SedLayer[] };
      /**
       * A wrapper's option that runs a shell with the words after it (`sudo -s`, `sudo -i`, `doas
       * -s`, `env -S`): where those words start among the command's words (past the wrapper's
       * other options), or -1 where a word this check cannot know stands among the options. They
       * are a command string for that shell (shell-settings.ts).
       */
      readonly shellCommandAt?: number;
    }
  /** No value of any tag may go here (arithmetic, variable names). */
  | { readonly kind: 'evaluated'; readonly reason: string; readonly name: string };

/** Shells: they run their arguments or input as code, and read the next lines when started bare. */
export const readingShells: ReadonlySet<string> = new Set([
  'sh',
  'bash',
  'rbash',
  'dash',
  'ash',
  'zsh',
  'ksh',
  'ksh93',
  'mksh',
  'pdksh',
  'oksh',
  'yash',
  'posh',
  'csh',
  'tcsh',
  'fish',
  'rc',
  'es',
  'elvish',
  'nu',
  'xonsh',
  'pwsh',
  'powershell',
  // busybox's and the static builds' names.
  'hush',
  'lksh',
  'mksh-static',
]);

const shells = new Set([
  ...readingShells,
  'dc',
  'make',
  'jshell',
  'groovy',
  'osascript',
  // Database clients: their meta-commands run a shell (sqlite3's .shell, psql's and mysql's \!).
  'sqlite3',
  'psql',
  'mysql',
  'mariadb',
]);

/**
 * Programs that run one of their arguments (or their standard input) as code. awk and sed have
 * rules of their own (classifyName), and the programs that also run a shell are in `shells`.
 */
const interpreters = new Set([
  'perl',
  'ruby',
  'irb',
  'node',
  'nodejs',
  'deno',
  'bun',
  'php',
  'lua',
  'luajit',
  'tclsh',
  'wish',
  'expect',
  'R',
  'Rscript',
  'julia',
  'guile',
  'racket',
  'sbcl',
  'clisp',
  'gdb',
  'vi',
  'vim',
  'nvim',
  'ex',
  'view',
  'emacs',
  'ed',
  'm4',
]);

/** awk by its implementations' names, versioned or not: gawk-5.2.1, original-awk, busybox's. */
const awkName = /^(?:[\w.]+-)?[a-z]?awk(?:-?[\d.]+)?$/;

/** Interpreters named with a version: python3, python3.11, perl5.36, php8.2, lua5.4, tclsh8.6. */
const versionedInterpreter =
  /^(?:python|pypy|jython|perl|php|j?ruby|lua|luajit|tclsh|wish|node)[0-9.]*(?:-[\w.-]+)?$/;

/**
 * Editors under their Debian alternatives' and packages' names (vim.basic, vimdiff, editor): each
 * runs an ex command (`:!cmd`) from its arguments or its input.
 */
const editorName =
  /^(?:[rgev]?vim?|n?vi|[rg]?view|g?vimdiff|ex|editor|sensible-editor|emacs(?:-\w+)?)(?:\.[a-z]+)?$/;

/** Commands that build a shell command (or a command line another parser reads) from their arguments. */
const reparsers = new Set([
  'eval',
  'su',
  // sudo-rs's su.
  'su-rs',
  'runuser',
  'ssh',
  'rsh',
  'mosh',
  'sshpass',
  'script',
  'flock',
  'sg',
  'newgrp',
  'tmux',
  'screen',
  'watch',
  'parallel',
  'at',
  'batch',
  'crontab',
  'xargs',
  'find',
  'source',
  '.',
  'trap',
  'alias',
  'bind',
  'complete',
  'compgen',
  'fc',
  'hash',
  'coproc',
  // Run a command given in their arguments, with options this check does not parse.
  'docker',
  'podman',
  'kubectl',
  'lxc',
  'lxc-attach',
  'chroot',
  'nsenter',
  'unshare',
  'systemd-run',
  'machinectl',
  'pkexec',
  'firejail',
  'bwrap',
  'strace',
  'ltrace',
  'valgrind',
  'faketime',
  'proot',
  'schroot',
  'dbus-run-session',
  'xvfb-run',
  'catchsegv',
  'ip',
  // Also run the command in their arguments (jobs -x runs one after replacing job specs).
  'jobs',
  'setpriv',
  'prlimit',
  'numactl',
  'fakeroot',
  'fakechroot',
  'setarch',
  'linux32',
  'linux64',
  'runcon',
  'unbuffer',
  'dbus-launch',
  'ssh-agent',
  'pfexec',
  'ksu',
  'perf',
  'chpst',
  'systemd-inhibit',
  'cgexec',
  'torsocks',
  'proxychains',
  'proxychains4',
  'tsocks',
  'trickle',
  'cpulimit',
  'chronic',
  'ifne',
  'rlwrap',
  'daemonize',
  'start-stop-daemon',
  'flatpak-spawn',
  'toybox',
  'logsave',
  'capsh',
  'systemd-cat',
  // sudo's and su's kin, and programs that run or queue a command later (task spoolers, entr).
  'run0',
  'please',
  'really',
  'sux',
  'schedtool',
  'tsp',
  'sem',
  'entr',
  'daemon',
  'sandbox',
  // A multi-call build of coreutils runs the tool its first words name (`coreutils env sh`).
  'coreutils',
  // history -s puts a line in the history, which fc -s or !! runs again.
  'history',
]);

/** Bash builtins that evaluate their arguments as arithmetic or as variable names (with subscripts). */
const evaluators = new Set([
  'let',
  '[[',
  'declare',
  'typeset',
  'local',
  'export',
  'readonly',
  'unset',
  'read',
  'getopts',
  'wait',
  // Their array may be one bash evaluates (mapfile -t OPTIND).
  'mapfile',
  'readarray',
]);

/**
 * Commands that run the command in their arguments: the check looks through them to the real
 * one. For each, the options that take a separate argument, and how many plain arguments come
 * before the command (timeout's duration).
 */
interface Wrapper {
  readonly withArgument: ReadonlySet<string>;
  readonly withoutArgument: ReadonlySet<string>;
  readonly positional: number;
  /** Options that make it run a shell: refused. */
  readonly shellOptions?: ReadonlySet<string>;
  /**
   * Takes NAME=value words before the command (env, sudo). GNU env and sudo take any word with an
   * `=` there as one (`env ./x=y sh` runs sh), so no name syntax is asked of it.
   */
  readonly assignments?: boolean;
  /** Its operands before the command are a user, which a value may give (gosu USER cmd). */
  readonly userOperand?: boolean;
}

const set = (...items: string[]): ReadonlySet<string> => new Set(items);

const sudo: Wrapper = {
  withArgument: set(
    '-u',
    '-g',
    '-p',
    '-r',
    '-t',
    '-C',
    '-D',
    '-U',
    '-T',
    '-R',
    '--user',
    '--group',
    '--prompt',
    '--role',
    '--type',
    '--close-from',
    '--chdir',
    '--other-user',
    '--command-timeout',
    '--chroot',
  ),
  withoutArgument: set(
    '-A',
    '-b',
    '-B',
    '-E',
    '-H',
    '-k',
    '-n',
    '-N',
    '-P',
    '-S',
    '--askpass',
    '--background',
    '--bell',
    '--no-update',
    '--preserve-env',
    '--set-home',
    '--reset-timestamp',
    '--non-interactive',
    '--preserve-groups',
    '--stdin',
  ),
  positional: 0,
  shellOptions: set('-s', '-i', '--shell', '--login'),
  // sudo VAR=value command: sudo sets VAR and runs command.
  assignments: true,
};

/** gosu USER cmd and its kin: the user may be a value (`gosu [#USERNAME#] id`). */
const asUser: Wrapper = { withArgument: set(), withoutArgument: set(), positional: 1, userOperand: true };

const tini: Wrapper = {
  withArgument: set('-p', '-e'),
  withoutArgument: set('-s', '-v', '-w', '-g', '-l'),
  positional: 0,
};

const wrappers: ReadonlyMap<string, Wrapper> = new Map<string, Wrapper>([
  ['command', { withArgument: set(), withoutArgument: set('-p', '-v', '-V'), positional: 0 }],
  ['builtin', { withArgument: set(), withoutArgument: set(), positional: 0 }],
  ['exec', { withArgument: set('-a'), withoutArgument: set('-c', '-l'), positional: 0 }],
  ['nohup', { withArgument: set(), withoutArgument: set(), positional: 0 }],
  ['time', { withArgument: set('-f', '-o'), withoutArgument: set('-p', '-a', '-v', '-q'), positional: 0 }],
  ['nice', { withArgument: set('-n'), withoutArgument: set(), positional: 0 }],
  // choom -n ADJ [--] cmd: runs cmd with another OOM score (util-linux).
  ['choom', { withArgument: set('-n', '--adjust'), withoutArgument: set('--'), positional: 0 }],
  ['ionice', { withArgument: set('-c', '-n'), withoutArgument: set('-t'), positional: 0 }],
  ['setsid', { withArgument: set(), withoutArgument: set('-c', '-f', '-w'), positional: 0 }],
  ['stdbuf', { withArgument: set('-i', '-o', '-e'), withoutArgument: set(), positional: 0 }],
  [
    'timeout',
    {
      withArgument: set('-s', '-k'),
      withoutArgument: set('-v', '--verbose', '--preserve-status', '--foreground'),
      positional: 1,
    },
  ],
  [
    'env',
    {
      withArgument: set('-u', '-C', '--unset', '--chdir'),
      withoutArgument: set('-i', '-0', '-v', '--ignore-environment', '--null', '--debug'),
      positional: 0,
      shellOptions: set('-S', '--split-string'),
      assignments: true,
    },
  ],
  ['sudo', sudo],
  // sudo-rs, the Rust rewrite, takes sudo's options (Ubuntu installs it as sudo too).
  ['sudo-rs', sudo],
  // Classic sudo where sudo-rs took the name (Ubuntu 25.10).
  ['sudo.ws', sudo],
  [
    'doas',
    { withArgument: set('-u', '-C'), withoutArgument: set('-n'), positional: 0, shellOptions: set('-s') },
  ],
  ['busybox', { withArgument: set(), withoutArgument: set(), positional: 0 }],
  // Container entry points and daemontools' kin: a user, a directory or a lock, then the command.
  ['gosu', asUser],
  ['su-exec', asUser],
  ['setuidgid', asUser],
  ['s6-setuidgid', asUser],
  ['envuidgid', asUser],
  ['envdir', { withArgument: set(), withoutArgument: set(), positional: 1 }],
  ['setlock', { withArgument: set(), withoutArgument: set('-n', '-N', '-x', '-X'), positional: 1 }],
  ['with-lock-ex', { withArgument: set(), withoutArgument: set('-w', '-q'), positional: 1 }],
  ['lckdo', { withArgument: set('-W'), withoutArgument: set('-w', '-q'), positional: 1 }],
  ['pgrphack', { withArgument: set(), withoutArgument: set(), positional: 0 }],
  [
    'softlimit',
    {
      withArgument: set('-m', '-a', '-d', '-s', '-l', '-f', '-c', '-o', '-p', '-t', '-r'),
      withoutArgument: set(),
      positional: 0,
    },
  ],
  ['tini', tini],
  ['tini-static', tini],
  [
    'dumb-init',
    {
      withArgument: set('-r', '--rewrite'),
      withoutArgument: set('-c', '-v', '--single-child', '--verbose'),
      positional: 0,
    },
  ],
  ['nocache', { withArgument: set('-n'), withoutArgument: set(), positional: 0 }],
  ['eatmydata', { withArgument: set(), withoutArgument: set(), positional: 0 }],
  [
    'timelimit',
    { withArgument: set('-t', '-T', '-s', '-S'), withoutArgument: set('-q', '-p'), positional: 0 },
  ],
  // taskset MASK cmd, chrt PRIORITY cmd (util-linux); -p acts on a running process and runs none.
  [
    'taskset',
    { withArgument: set(), withoutArgument: set('-a', '-c', '--all-tasks', '--cpu-list'), positional: 1 },
  ],
  [
    'chrt',
    {
      withArgument: set('-T', '-P', '-D', '--sched-runtime', '--sched-period', '--sched-deadline'),
      withoutArgument: set(
        ...['-a', '-b', '-d', '-f', '-i', '-o', '-r', '-R', '-v'],
        ...['--all-tasks', '--batch', '--deadline', '--fifo', '--idle', '--other', '--rr'],
        ...['--reset-on-fork', '--verbose'],
      ),
      positional: 1,
    },
  ],
]);

const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/**
 * Of the above, those that do not run what is piped into them (sed and awk read it as data, as
 * long as their script runs nothing: see classifyName). find -exec and flock run a command that
 * reads the same input, so they are not here.
 */
const dataFilters = new Set([
  'awk',
  'gawk',
  'mawk',
  'nawk',
  'sed',
  'gsed',
  'watch',
  'eval',
  'trap',
  'alias',
  'bind',
  'complete',
  'compgen',
  'fc',
  'hash',
  'tmux',
  'screen',
  'history',
]);

const reparsedBy = (name: string, why: string): CommandClass => ({
  kind: 'reparsed',
  reason: `goes to ${name}, which ${why} (quoting does not hold there)`,
  name,
  readsCode: !dataFilters.has(name),
});

/** Sorts a command name (a basename) into the classes above. */
function classifyName(name: string, args: readonly CommandWord[]): CommandClass {
  if (name === 'sed' || name === 'gsed') {
    const reading = readSedCommand(args);
    // A script other than one s command may run its input (`sed e`, the e flag).
    if (!reading.ok) return { kind: 'reparsed', name, reason: reading.reason, readsCode: true };
    return {
      kind: 'reparsed',
      name,
      reason: `goes to ${name}, which runs its script as code (quoting does not hold there)`,
      readsCode: false,
      sed: { script: reading.script, layers: reading.layers },
    };
  }
  if (shells.has(name)) return reparsedBy(name, 'is a shell: it runs its arguments or input as shell code');
  // The dynamic loader runs the program its first argument names (/lib64/ld-linux-x86-64.so.2 /bin/sh).
  if (/^ld(?:-linux[^/]*)?\.so/.test(name)) return reparsedBy(name, 'runs the program its arguments name');
  // awk reads its input as data unless its program runs commands (system, a | to or from a
  // command) or is not in the template (-f, an expansion).
  if (awkName.test(name))
    return {
      kind: 'reparsed',
      name,
      reason: `goes to ${name}, which runs its arguments or input as code (quoting does not hold there)`,
      // Options other than -F and -v can name a program file (gawk -E/-i/--include, mawk -W exec),
      // and gawk calls system by a name held in a variable (@f($0)) or includes a file (@include).
      readsCode: args.some(
        (a) =>
          !a.known ||
          /system|\||@(?:include|load|namespace|\w+\s*\()/.test(a.text) ||
          (a.text.startsWith('-') && !/^(?:-[Fv]|--field-separator|--assign|--$)/.test(a.text)),
      ),
    };
  if (interpreters.has(name) || versionedInterpreter.test(name) || editorName.test(name))
    return reparsedBy(name, 'runs its arguments or input as code');
  if (reparsers.has(name))
    return reparsedBy(name, 'parses its arguments as shell code again, or runs a command from them');
  if (evaluators.has(name)) {
    return {
      kind: 'evaluated',
      name,
      reason: `goes to ${name}, which evaluates its arguments as variable names or arithmetic (a[$(cmd)] runs cmd)`,
    };
  }
  // enable -f loads a shared object; without it, enable names builtins (and is a word of device
  // CLIs: Cisco's `enable password …`).
  if (name === 'enable' && args.some((a) => a.expanded || a.text.startsWith('-f')))
    return reparsedBy('enable -f', 'loads and runs a shared library');
  // A variable name with a subscript (a[$(cmd)]) is evaluated: quoted values are refused; values
  // with a form have no [ and stay names.
  const [first] = args;
  if (name === 'printf' && first !== undefined && (first.expanded || first.text.startsWith('-v')))
    return reparsedBy('printf -v', 'evaluates a variable name (a[$(cmd)] runs cmd)');
  if ((name === 'test' || name === '[') && args.some((a) => a.expanded || a.text === '-v' || a.text === '-R'))
    return reparsedBy(`${name} -v`, 'evaluates a variable name (a[$(cmd)] runs cmd)');
  return { kind: 'plain', name };
}

/** A command whose name this check cannot know: any command, exec too (shell-settings.ts). */
export const unknownCommand: CommandClass = {
  kind: 'reparsed',
  name: 'a command this check cannot name',
  readsCode: true,
  reason:
    'is in a command whose name is not plain text (it holds $…, `…`, a tag, a glob, or follows options this check does not know), so what runs cannot be known',
};

/** Skips a wrapper's options and fixed arguments; the index of the wrapped command, or a refusal. */
function skipWrapper(
  name: string,
  wrapper: Wrapper,
  words: readonly CommandWord[],
  from: number,
): number | CommandClass {
  let i = from;
  let positional = wrapper.positional;
  while (i < words.length) {
    const word = words[i];
    if (word === undefined) break;
    // A value as the user of gosu and its kin (`gosu [#USERNAME#] id`) is that operand whatever it
    // holds: they have no options. Not a directory: envdir's would set PATH for the command.
    if (!word.known && !word.expanded && positional > 0 && wrapper.userOperand === true) {
      positional--;
      i++;
      continue;
    }
    if (!word.known) return unknownCommand;
    const text = word.text;
    if (text === '--') return positional === 0 ? i + 1 : unknownCommand;
    if (wrapper.assignments === true && !text.startsWith('-') && text.includes('=')) {
      i++;
      continue;
    }
    // `env -` is `env -i`; for other wrappers a lone `-` is not understood here.
    if (text === '-') {
      if (name !== 'env') return unknownCommand;
      i++;
      continue;
    }
    if (!text.startsWith('-')) {
      // chrt's priority is optional for the policies without one (util-linux 2.42: `chrt -o sh`).
      if (positional === 0 || (name === 'chrt' && !/^\d+$/.test(text))) return i;
      positional--;
      i++;
      continue;
    }
    const option = text.includes('=') ? text.slice(0, text.indexOf('=')) : text;
    if (wrapper.shellOptions?.has(option) === true || (!text.startsWith('--') && hasShellFlag(text, wrapper)))
      return {
        kind: 'reparsed',
        reason: `goes to ${name} ${option}, which runs a shell (quoting does not hold there)`,
        name: `${name} ${option}`,
        readsCode: true,
        shellCommandAt: shellCommandAt(name, wrapper, words, i),
      };
    if (text.startsWith('--')) {
      if (wrapper.withArgument.has(option)) i += text.includes('=') ? 1 : 2;
      else if (wrapper.withoutArgument.has(option)) i++;
      else return unknownCommand;
      continue;
    }
    const skipped = skipShortOptions(text, wrapper);
    if (skipped === null) {
      // nice -10: an adjustment written as an option.
      if (name === 'nice' && /^-\d+$/.test(text)) {
        i++;
        continue;
      }
      return unknownCommand;
    }
    i += skipped;
  }
  return i;
}

/** Where the words a wrapper's shell option runs start: past its options, the shell ones too. */
function shellCommandAt(name: string, wrapper: Wrapper, words: readonly CommandWord[], at: number): number {
  // env reads no option after its split string: the words after the option's word are added to
  // the words it splits the string into (`env -S'sh -c' 'exec sh'` runs sh -c 'exec sh'). Where
  // the string is the next word (`-S 'sh -c'`, `--split-string 'sh -c'`), they are read with it.
  if (name === 'env') return at + 1;
  const plain: Wrapper = {
    ...wrapper,
    shellOptions: undefined,
    // sudo's and doas's shell options take no value.
    withoutArgument: new Set([...wrapper.withoutArgument, ...(wrapper.shellOptions ?? [])]),
  };
  const next = skipWrapper(name, plain, words, at);
  return typeof next === 'number' ? next : -1;
}

function hasShellFlag(text: string, wrapper: Wrapper): boolean {
  if (wrapper.shellOptions === undefined) return false;
  for (const letter of text.slice(1)) {
    if (wrapper.shellOptions.has(`-${letter}`)) return true;
    if (wrapper.withArgument.has(`-${letter}`)) return false;
  }
  return false;
}

/** `-nE`, `-uroot`, `-u root`: how many words the option group takes, or null for an unknown letter. */
function skipShortOptions(text: string, wrapper: Wrapper): number | null {
  for (let k = 1; k < text.length; k++) {
    const option = `-${text.charAt(k)}`;
    if (wrapper.withArgument.has(option)) return k === text.length - 1 ? 2 : 1;
    if (!wrapper.withoutArgument.has(option)) return null;
  }
  return 1;
}

/**
 * Where a command's name stands among its words (redirections left out), past assignments,
 * keywords and wrappers (sudo, env, timeout…) with their options: its index (`args.length` where
 * there is none; the word there may be one this check cannot know), or the class a wrapper's own
 * words give (a shell for `sudo -s`, unknownCommand where a word this check cannot know decides
 * what runs). shell-settings.ts asks it of the command a runner (find -exec, xargs…) runs.
 */
export function commandNameAt(args: readonly CommandWord[]): number | CommandClass {
  let i = pastLeadIns(args, true);
  for (;;) {
    const word = args[i];
    if (!word?.known) return i;
    const name = basename(word.text);
    const wrapper = wrappers.get(name);
    if (wrapper === undefined) return i;
    const next = skipWrapper(name, wrapper, args, i + 1);
    if (typeof next !== 'number') return next;
    i = next;
  }
}

/**
 * The class of a simple command from its words (assignments and redirections included): the
 * command's name is found after assignments, keywords and wrappers (sudo, env, timeout…), after
 * quote removal and without its directory.
 */
export function classifyCommand(words: readonly CommandWord[]): CommandClass {
  const args = words.filter((w) => !w.redirect);
  const at = commandNameAt(args);
  if (typeof at !== 'number') return at;
  const word = args[at];
  if (word === undefined) return { kind: 'plain', name: '' };
  if (!word.known || word.text === '') return unknownCommand;
  // An option or `!` where a command name is due: what runs is decided by words this reading
  // took for something else. `'time' -v sh`, `\time -v sh` and `X=1 time -v sh` run GNU time, not
  // bash's keyword, and GNU time runs sh; a program whose name starts with - is not worth the risk.
  if (word.text.startsWith('-') || /^!+$/.test(word.text)) return unknownCommand;
  return classifyName(basename(word.text), args.slice(at + 1));
}
