/**
 * Runners: commands that run a command given in their words at a place their options decide
 * (`flock LOCK cmd`, `ssh HOST cmd`, `runuser -u USER -- cmd`). shell-settings.ts reads what they
 * run: a value there may name a shell (a user named `sh`), which then reads the template's next
 * lines. Wrappers whose options are simple enough to look through are in command-rules.ts; find's
 * -exec is read apart (it ends at `;` or `+`).
 */
import type { CommandWord } from './command-rules';

interface Runner {
  /** Short options that take a value: the rest of their word, or the next word when last. */
  readonly shortValues: string;
  /** Long options that take the next word as their value (without `=`). */
  readonly longValues: ReadonlySet<string>;
  /** Which operand is the command (`flock LOCK cmd`: 1), or null where the options say none runs. */
  readonly commandOperand: (options: readonly string[]) => number | null;
  /** Operands before which options may still come (ssh's come after the host too). */
  readonly optionsUntil?: number;
}

const longs = (...names: string[]): ReadonlySet<string> => new Set(names.map((n) => `--${n}`));
const first = (): number => 0;
const second = (): number => 1;

/** runuser runs a command only with -u or --user; without, its operand is a user whose shell starts. */
const runuserUser = (options: readonly string[]): number | null =>
  options.some((o) => isLong(o, '--user') || shortLetters(o, 'ugGscw').includes('u')) ? 0 : null;

/**
 * Whether an option word names the long option `name`: getopt_long takes any prefix of it that
 * names no other (`--us`, `--use=app` are `--user`). A prefix two options share is refused by the
 * program, which then runs nothing: reading it as either is safe.
 */
function isLong(option: string, name: string): boolean {
  const written = option.split('=')[0] ?? '';
  return written.length > 2 && name.startsWith(written);
}

const runners: ReadonlyMap<string, Runner> = new Map<string, Runner>([
  [
    'xargs',
    {
      shortValues: 'adEILnPs',
      longValues: longs('arg-file', 'delimiter', 'max-args', 'max-procs', 'max-chars', 'process-slot-var'),
      commandOperand: first,
    },
  ],
  [
    'flock',
    { shortValues: 'wE', longValues: longs('wait', 'timeout', 'conflict-exit-code'), commandOperand: second },
  ],
  ['chroot', { shortValues: '', longValues: longs('userspec', 'groups'), commandOperand: second }],
  [
    'ssh',
    { shortValues: 'BbcDEeFIiJLlmOoPpQRSWw', longValues: longs(), commandOperand: second, optionsUntil: 2 },
  ],
  ['sshpass', { shortValues: 'fdpP', longValues: longs(), commandOperand: first }],
  ['sg', { shortValues: '', longValues: longs(), commandOperand: second }],
  // polkit's pkexec [--user USER | -u USER] cmd. It compares whole words: `-uroot` and `--user=root`
  // are taken for the program, which is not found. Read as the option, they make the check look
  // for a shell in a word that runs none: it refuses more, never less.
  ['pkexec', { shortValues: 'u', longValues: longs('user'), commandOperand: first }],
  [
    'runuser',
    {
      shortValues: 'ugGscw',
      longValues: longs(
        'user',
        'group',
        'supp-group',
        'shell',
        'command',
        'session-command',
        'whitelist-environment',
      ),
      commandOperand: runuserUser,
    },
  ],
  // util-linux setpriv: every option with a value is long.
  [
    'setpriv',
    {
      shortValues: '',
      longValues: longs(
        ...['reuid', 'regid', 'ruid', 'rgid', 'euid', 'egid', 'groups', 'inh-caps', 'ambient-caps'],
        ...['bounding-set', 'securebits', 'pdeathsig', 'selinux-label', 'apparmor-profile'],
        ...['landlock-access', 'landlock-rule'],
      ),
      commandOperand: first,
    },
  ],
  // runit's chpst: -u USER, -/ ROOT, -l LOCK, -C DIR, -t SECONDS… before the program.
  ['chpst', { shortValues: 'uUbe/nlLmdopfcCt', longValues: longs(), commandOperand: first }],
  // util-linux unshare and nsenter: the namespace options' files are attached (`--mount=f`, `-mf`).
  [
    'unshare',
    {
      shortValues: 'SGRw',
      longValues: longs(
        ...['setuid', 'setgid', 'root', 'wd', 'propagation', 'setgroups', 'map-user', 'map-group'],
        ...['map-users', 'map-groups', 'monotonic', 'boottime'],
      ),
      commandOperand: first,
    },
  ],
  [
    'nsenter',
    { shortValues: 'tSGW', longValues: longs('target', 'setuid', 'setgid', 'wdns'), commandOperand: first },
  ],
]);

/**
 * Commands that run a command from their words at a place this check does not parse (container
 * tools, sandboxes, tracers, spoolers): a value among their words may be that command's name.
 * Not `ip` (`ip addr add [#IP#]` is its usual use) nor `at`, whose words are a time.
 */
export const unparsedRunners: ReadonlySet<string> = new Set([
  ...['docker', 'podman', 'kubectl', 'lxc', 'lxc-attach', 'systemd-run', 'machinectl', 'firejail'],
  ...['bwrap', 'strace', 'ltrace', 'valgrind', 'faketime', 'proot', 'schroot', 'dbus-run-session'],
  ...['xvfb-run', 'catchsegv', 'prlimit', 'numactl', 'fakeroot', 'fakechroot', 'setarch', 'linux32'],
  ...['linux64', 'runcon', 'unbuffer', 'dbus-launch', 'ssh-agent', 'pfexec', 'ksu', 'perf'],
  ...['systemd-inhibit', 'cgexec', 'torsocks', 'proxychains', 'proxychains4', 'tsocks', 'trickle'],
  ...['cpulimit', 'chronic', 'ifne', 'rlwrap', 'daemonize', 'start-stop-daemon', 'flatpak-spawn'],
  ...['toybox', 'logsave', 'capsh', 'run0', 'please', 'really', 'sux', 'schedtool', 'tsp', 'sem'],
  ...['entr', 'daemon', 'sandbox', 'parallel', 'watch', 'coreutils'],
]);

/** Runners that join the words of their command into one command line for a shell: whether bash reads it. */
export const joiners: Readonly<Record<string, boolean>> = { ssh: true, sg: false };

/** The letters of a short option group up to and with the first that takes a value (`-lu` of `-luroot`). */
function shortLetters(option: string, values: string): string {
  if (!/^-[^-]/.test(option)) return '';
  let letters = '';
  for (const letter of option.slice(1)) {
    letters += letter;
    if (values.includes(letter)) break;
  }
  return letters;
}

/** Whether an option word takes the next word as its value: a long one listed, or a group ending in a value letter. */
function takesNextWord(option: string, runner: Runner): boolean {
  if (option.startsWith('--'))
    return !option.includes('=') && [...runner.longValues].some((o) => isLong(option, o));
  const letters = shortLetters(option, runner.shortValues);
  // A lone `-` is no group (sg's and runuser's login flag): '' is in every string of letters.
  return (
    letters !== '' && letters.length === option.length - 1 && runner.shortValues.includes(letters.slice(-1))
  );
}

/**
 * Where the command a runner (the word at `nameAt`) runs starts among `args`, or -1 where it runs
 * none or is no runner. Options come before the operands (before the second for ssh); a `--`
 * anywhere is skipped.
 */
export function runnerCommandAt(args: readonly CommandWord[], nameAt: number, name: string): number {
  const runner = runners.get(name);
  if (runner === undefined) return -1;
  const optionsUntil = runner.optionsUntil ?? 1;
  const operands: number[] = [];
  const options: string[] = [];
  for (let i = nameAt + 1; i < args.length; i++) {
    const word = args[i];
    if (word === undefined || (word.known && word.text === '--')) continue;
    if (word.known && word.text.startsWith('-') && operands.length < optionsUntil) {
      options.push(word.text);
      if (takesNextWord(word.text, runner)) i++;
      continue;
    }
    operands.push(i);
  }
  const operand = runner.commandOperand(options);
  return operand === null ? -1 : (operands[operand] ?? -1);
}
