/**
 * Fifth review (2026-12-03, after 965c132 on lead-1203d): here-documents followed to their
 * delimiter (here-document.ts) and the fourth round's fixes. Each case was a template the check
 * accepted (checkSshTemplate returned no problem) where a value, typed as the plugin types it,
 * made a real bash run a command; each passes now that the check refuses it. The last table holds
 * attacks that held. The harness is support/bash-harness.ts.
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import {
  acceptedAndRuns,
  bypass,
  exec,
  interactiveRunsCommand,
  lines,
  runsCommand,
  terminalRunsCommand,
} from './support/bash-harness';

type Case = readonly [string, string, Record<string, string>];

const runTouch = { ADD_INFO: 'touch PWNED' };
/** A body line a shell runs: the value after `: ;` (alone on its line it could be the delimiter). */
const body = ': ;[#ADD_INFO#]';

// The body's tags get a reader only from the command the `<<` belongs to (doc.reader) or a later
// stage of its own pipeline: a group or compound closed on the `<<` line and piped on is not seen.
const compoundPiped: readonly Case[] = [
  ['{ cat <<EOF; } | sh', lines("{ cat <<'EOF'; } | sh", body, 'EOF'), runTouch],
  ['{ echo; cat <<EOF; } | sh', lines("{ echo; cat <<'EOF'; } | sh", body, 'EOF'), runTouch],
  ['if … cat <<EOF; fi | sh', lines("if true; then cat <<'EOF'; fi | sh", body, 'EOF'), runTouch],
  ['while … done | sh', lines("while true; do cat <<'EOF'; break; done | sh", body, 'EOF'), runTouch],
  ['for … done | sh', lines("for i in 1; do cat <<'EOF'; done | sh", body, 'EOF'), runTouch],
  ['if cat <<EOF; then …; fi | sh', lines("if cat <<'EOF'; then :; fi | sh", body, 'EOF'), runTouch],
  ['{ cat <<EOF; } |& sh', lines("{ cat <<'EOF'; } |& sh", body, 'EOF'), runTouch],
  ['{ cat <<EOF; } | tee … | sh', lines("{ cat <<'EOF'; } | tee /dev/null | sh", body, 'EOF'), runTouch],
  [
    '{ cat <<A; cat <<B; } | bash -s',
    lines("{ cat <<'A'; cat <<'B'; } | bash -s", 'x', 'A', body, 'B'),
    runTouch,
  ],
];

// A command's own output into >(…) refuses its tags (cmd.feedsProcess), not its body's.
const processSubstitution: readonly Case[] = [
  ['cat <<EOF > >(sh)', lines("cat <<'EOF' > >(sh)", body, 'EOF', 'sleep 1'), runTouch],
  ['tee >(sh) <<EOF', lines("tee >(sh) <<'EOF'", body, 'EOF', 'sleep 1'), runTouch],
  ['cat &> >(sh) <<EOF', lines("cat &> >(sh) <<'EOF'", body, 'EOF', 'sleep 1'), runTouch],
  ['cp /dev/stdin >(sh) <<EOF', lines("cp /dev/stdin >(sh) <<'EOF'", body, 'EOF', 'sleep 1'), runTouch],
  ['{ cat <<EOF; } > >(sh)', lines("{ cat <<'EOF'; } > >(sh)", body, 'EOF', 'sleep 1'), runTouch],
];

// For a here-string these commands' classes refuse the value ("goes to awk, which runs its
// arguments or input as code"); a body only gets a reader from codeReader, which skips them.
const inputReaders: readonly Case[] = [
  ["awk '{system($0)}' <<EOF", lines("awk '{system($0)}' <<'EOF'", body, 'EOF'), runTouch],
  [
    'awk -f - <<EOF (the program)',
    lines("awk -f - <<'EOF'", 'BEGIN{system("[#ADD_INFO#]")}', 'EOF'),
    runTouch,
  ],
  [
    'awk -f /dev/stdin <<EOF',
    lines("awk -f /dev/stdin <<'EOF'", 'BEGIN{system("[#ADD_INFO#]")}', 'EOF'),
    runTouch,
  ],
  ['sed e <<EOF', lines("sed e <<'EOF'", body, 'EOF'), runTouch],
  ['flock f sh <<EOF', lines("flock /tmp/review-reader-1203e sh <<'EOF'", body, 'EOF'), runTouch],
  ["find … -exec sh ';' <<EOF", lines("find . -maxdepth 0 -exec sh ';' <<'EOF'", body, 'EOF'), runTouch],
];

// In an unquoted body bash removes `\` and the line end before it compares a line with the
// delimiter (bash manual, Here Documents), so `x\` then `EOF` is the body line `xEOF`: the check
// ends the body at `EOF` and reads what follows as commands, where bash still expands it.
const joinedLines: readonly Case[] = [
  [
    "x\\ then EOF, then echo '[#ADD_INFO#]'",
    lines('cat > out <<EOF', 'x\\', 'EOF', "echo '[#ADD_INFO#]'", 'EOF'),
    { ADD_INFO: '$(touch PWNED)' },
  ],
  [
    '<<-EOF: x\\ then EOF',
    lines('cat > out <<-EOF', 'x\\', 'EOF', "echo '[#ADD_INFO#]'", 'EOF'),
    { ADD_INFO: '$(touch PWNED)' },
  ],
  [
    'set-new-line-mode mac: x\\ then EOF',
    ['set-new-line-mode mac', lines('cat > out <<EOF', 'x\\', 'EOF', "echo '[#ADD_INFO#]'", 'EOF')].join(
      '\n',
    ),
    { ADD_INFO: '$(touch PWNED)' },
  ],
  // `$\` then `(( … ))` is `$(( … ))`: arithmetic on a user name _ evaluates what $_ holds.
  [
    '$\\ then (( [#USERNAME#] )) in the body',
    lines('printf %s [#ADD_INFO#] >/dev/null', 'cat > out <<EOF', '$\\', '(( [#USERNAME#] ))', 'EOF'),
    { ADD_INFO: 'a[$(touch PWNED)]', USERNAME: '_' },
  ],
];

/**
 * Read by bash normally, the value is a plain word; in POSIX mode (dash here) it is unquoted
 * (review-reader-1203d.test.ts explains the trick).
 */
const posixTrick = `echo "\${x-'}"'}" [#ADD_INFO#] #'`;
const posixValue = { ADD_INFO: ';touch PWNED;' };

// consoleOpenedBy (console-session.ts) now skips assignments before a command name; its pattern
// lets an assignment's value run on through `;`, `&&` or `|` up to a blank, so `a=1;$c` is all
// one "assignment" and the command `$c` (whose name is not plain text) is not seen.
/** A Python f-string evaluates what is inside `{…}`; shell double quotes leave it alone. */
const fString = 'x = f"[#ADD_INFO#]"';
const fStringValue = { ADD_INFO: "{__import__('os').system('touch PWNED')}" };

const assignmentLines: readonly Case[] = [
  [
    'a=1;${c}n3 (c=pytho), then expect',
    [exec('c=pytho'), exec('a=1;${c}n3'), 'expect ">>>"', exec(fString), exec('exit()')].join('\n'),
    fStringValue,
  ],
  ['a=1;$c (c=sh)', lines('c=sh', 'a=1;$c', posixTrick, 'exit'), posixValue],
  ['a=1&&$c (c=sh)', lines('c=sh', 'a=1&&$c', posixTrick, 'exit'), posixValue],
  ['a=1;${c}h (c=s)', lines('c=s', 'a=1;${c}h', posixTrick, 'exit'), posixValue],
];

// The fourth round joins a line with the next for console detection only under unix line ends
// (shell-context.ts), but the terminal takes mac's CR for Enter too, so `pytho\` CR `n3` is
// python3 to bash and two harmless lines to the check.
const macContinuation: readonly Case[] = [
  [
    'set-new-line-mode mac: pytho\\ then n3, then expect',
    [
      'set-new-line-mode mac',
      exec('pytho\\'),
      exec('n3'),
      'expect ">>>"',
      exec(fString),
      exec('exit()'),
    ].join('\n'),
    fStringValue,
  ],
];

// Outside this round's changes, met on the way.
const noticed: readonly Case[] = [
  // MATCHING.md: "Without the expect, nothing proves the console started, and the lines stay
  // shell input." They do not: python3 reads what is typed after it.
  ['python3 with no expect, then a Python line', lines('python3', fString, 'exit()'), fStringValue],
  // choom is not among the wrappers the command rules look past.
  ['choom -n 0 -- sh -c', lines('choom -n 0 -- sh -c [#ADD_INFO#]'), runTouch],
  // Piped into (not a here-string of) awk, sed e and find -exec sh: the stage is not a reader.
  ["printf … | awk '{system($0)}'", lines("printf '%s\\n' [#ADD_INFO#] | awk '{system($0)}'"), runTouch],
  ['printf … | sed e', lines("printf '%s\\n' [#ADD_INFO#] | sed e"), runTouch],
  [
    "printf … | find … -exec sh ';'",
    lines("printf '%s\\n' [#ADD_INFO#] | find . -maxdepth 0 -exec sh ';'"),
    runTouch,
  ],
];

describe('a here-document body reaches code the check does not see', () => {
  it.each(compoundPiped)('%s (on a terminal)', bypass(terminalRunsCommand));
  it.each(processSubstitution)('%s (on a terminal)', bypass(terminalRunsCommand));
  it.each(inputReaders)('%s (on a terminal)', bypass(terminalRunsCommand));
});

describe('bash and the check end an unquoted body at different lines', () => {
  it.each(joinedLines)('%s (on a terminal)', bypass(terminalRunsCommand));
});

describe('set-new-line-mode mac hides a console split by \\', () => {
  it.each(macContinuation)('%s (on a terminal)', bypass(terminalRunsCommand));
});

describe('noticed beyond this round', () => {
  it.each(noticed)('%s (on a terminal)', bypass(terminalRunsCommand));
});

describe('a line of assignments hides the command after it', () => {
  it.each(assignmentLines)('%s (interactive bash)', bypass(interactiveRunsCommand));
  it.each(assignmentLines.slice(0, 1))('%s (on a terminal)', bypass(terminalRunsCommand));
});

const heldCases: readonly Case[] = [
  [
    'fed to sh through 2>&1 | tee | sh',
    lines("cat <<'EOF' 2>&1 | tee /dev/null | sh", body, 'EOF'),
    runTouch,
  ],
  ['sh 0<&3 3<<EOF', lines("sh 0<&3 3<<'EOF'", body, 'EOF'), runTouch],
  ['source /dev/fd/3 3<<EOF', lines("source /dev/fd/3 3<<'EOF'", body, 'EOF'), runTouch],
  ['exec <<EOF', lines("exec <<'EOF'", body, 'EOF'), runTouch],
  ['| tee >(sh)', lines("cat <<'EOF' | tee >(sh)", body, 'EOF', 'sleep 1'), runTouch],
  ['| (sh)', lines("cat <<'EOF' | (sh)", body, 'EOF'), runTouch],
  [
    'while read; do eval',
    lines('while read -r a l; do eval "$l"; done <<\'EOF\'', 'x [#ADD_INFO#]', 'EOF'),
    runTouch,
  ],
  ['xargs -I{} sh -c {}', lines("xargs -I{} sh -c {} <<'EOF'", body, 'EOF'), runTouch],
  ['su root', lines("su root <<'EOF'", body, 'EOF'), runTouch],
  ['at now', lines("at now <<'EOF'", body, 'EOF'), runTouch],
  // bash takes the delimiter after quote removal, as the check does.
  ['<<"E\\xF" ends at E\\xF only', lines('cat > out <<"E\\xF"', 'ExF', ':[#ADD_INFO#]', 'E\\xF'), posixValue],
  [
    '<<"E\\\\F" ends at E\\F only',
    lines('cat > out <<"E\\\\F"', 'E\\\\F', ':[#ADD_INFO#]', 'E\\F'),
    posixValue,
  ],
  ['<<-\\ then EOF on the next line', lines('cat > out <<-\\', "'EOF'", ':[#ADD_INFO#]', 'EOF'), posixValue],
  ['<< \\ then EOF on the next line', lines('cat > out << \\', "'EOF'", ':[#ADD_INFO#]', 'EOF'), posixValue],
  ['echo x#<<EOF', lines("echo x#<<'EOF'", ':[#ADD_INFO#]', 'EOF'), posixValue],
  // A body is not history-expanded on a terminal (bash 5.2), so a value !! stays as it is.
  ['a body line x [#ADD_INFO#]', lines("cat > out <<'EOF'", 'x [#ADD_INFO#]', 'EOF'), { ADD_INFO: '!!' }],
];

describe('held', () => {
  it.each(heldCases)('%s', (_name, template, values) => {
    expect(acceptedAndRuns(template, values, runsCommand)).toBe(false);
    expect(acceptedAndRuns(template, values, terminalRunsCommand)).toBe(false);
  });

  it('a ( … ) with a here-document inside is not followed', () => {
    expect(checkSshTemplate(lines("( cat <<'EOF' ) | sh", body, 'EOF')).length).toBeGreaterThan(0);
  });
});
