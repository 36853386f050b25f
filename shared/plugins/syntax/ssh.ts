/**
 * The SSH plugin's template language (electron/plugins/ssh/template/). The full rules, with the
 * reasons for them, are in electron/plugins/ssh/template/MATCHING.md: keep the two in step.
 */
import type { SyntaxHelp } from '../syntax-help';

export const sshSyntaxHelp: SyntaxHelp = {
  pluginId: 'ssh',
  summary: [
    'SSH templates: a conversation with an interactive shell (a PTY), one command a line. A failed expect or a matched no-expect fails the run.',
  ],
  commands: [
    {
      syntax: 'set-connect-timeout S',
      meaning: 'seconds to connect and log in (before the first command; default 10)',
    },
    { syntax: 'set-read-timeout S', meaning: 'seconds each expect waits, from here on (default 5)' },
    {
      syntax: 'set-ssh-version 2',
      meaning:
        'the SSH protocol version, as the vendor writes it: 2 is the only one spoken (before the first command)',
    },
    {
      syntax: 'set-new-line-mode unix',
      meaning: 'what Enter sends after each exec from here on: unix LF (default), windows CR LF, mac CR',
    },
    { syntax: 'exec "text"', meaning: 'type text and Enter' },
    { syntax: 'write "text"', meaning: 'type text without Enter' },
    { syntax: 'expect "pattern"', meaning: 'wait until the output matches, else fail' },
    { syntax: 'expect-regex "/re/i"', meaning: 'the same with a regular expression (flags i m s u)' },
    {
      syntax: 'no-expect "pattern"',
      meaning: "fail if the previous command's output matches (noexpect is the same command)",
    },
    { syntax: 'sleep S', meaning: 'wait S seconds' },
    { syntax: 'end', meaning: 'stop here' },
    { syntax: '# comment', meaning: '(blank lines are ignored too)' },
  ],
  notes: [
    'Strings: double quotes; \\" is a quote, \\\\ a backslash.',
    'As senhasegura reads them, and with a warning (Save and runs go ahead): text without quotes (exec clish), a string with no closing quote (expect "*]), or text after the closing quote (exec "edit "x"") is the rest of the line, less one opening and one closing quote, taken as written. expect-regex is always read strictly.',
  ],
  sections: [
    {
      title: 'What is matched',
      rules: [
        'Output since the last exec/write (expect does not consume it), with colours and other terminal escapes and carriage returns removed, and without the echo of what you typed.',
        'Patterns are matched line by line. * is any text within a line; \\* is a star.',
        'A pattern without a leading * must match at the start of a line; the end is open ("*updated successfully" matches "passwd: password updated successfully").',
        'A pattern ending in $ # % or > waits for the shell prompt on the cursor line; $ # and % stand for each other, so expect "*$" also matches root\'s "root@host:~# ".',
        'expect-regex sees the whole output since the last exec/write; $ is its end.',
        'no-expect waits until the prompt is back (or 1 s of silence, at most the read timeout), then checks once. In the command\'s own diagnostics ("id: \'x\': no such user") its arguments do not count, so exec "id [#USERNAME#]" + no-expect "*[#USERNAME#]" means "no such account".',
      ],
    },
    {
      title: 'Tags',
      rules: [
        'exec "[#NEW_PASSWORD#]" (the string is exactly one tag) types the value as it is; values with line breaks or control characters, or over 511 bytes, are refused. Where the shell is still reading the lines before it (a here-document, an open quote, after a write), only a tag with a form may be typed.',
        "Tags with a form (USERNAME, AUTH_USER: letters, digits, _ . - with a letter or _ first; EXPIRATION_DATE: YYYY-MM-DD; SESSION_ID, IP, HOSTNAME…) must have it wherever they are, and are then inserted as they are; any other value is refused, never quoted: a program still reads its arguments its own way (pkill -u ',' would mean root).",
        "ADD_INFO and passwords inside a command are single-quoted, only where that provably holds: a plain word, or after a letter, digit, closing quote or one of _ . / : @ % + , = - in the same word. Inside your own '…' or \"…\" the value is escaped for them instead (in '…' a ' becomes '\\''; in \"…\" \\ $ ` take a backslash and \" and ! are single-quoted, so an interactive bash cannot expand ! from its history; a ! that history expansion could still reach, as with quotes inside $(…) inside \"…\", is refused). Refused (when you save, and at run): a tag inside backticks or $'…'; after \\ or $; in a word with * ? [ ] or {a,b}; in NAME=… before a command; in a command that runs its arguments, or what is piped into it, as code: shells, su, runuser, ssh, eval, sudo -s, script, flock, sg, tmux, screen, watch, xargs, find, python, perl, awk, sed (but see below)…, however the name is written ('sh', \\sh, /bin/sh, behind sudo, env, command, exec, timeout, nice…), or a name that is not plain text ($SHELL, $(…)). Refused at run: control or non-ASCII characters, a value starting with - where a word starts (also after \"\" or '').",
        "In sed's one s command ('s/old/new/g', flags g p i m and a number only) a value is escaped for its place (pattern: \\ . * [ ^ $, and + ? ( ) { } | with -E; replacement: \\ &; the delimiter in both), then quoted for the shell. Refused there: inside […] or an interval, after \\, with an address or a second command, or a delimiter other than / # , : @ % ; = _ ~.",
        "After exec of a console (wlst.sh, python3, jython, wsadmin.sh: Tcl, or Python with -lang jython; tclsh) and an expect for its prompt, lines go to that console until its exit line (exit(); Tcl: exit, or quit in wsadmin) and an expect for the shell. A value there is written with every character but letters and digits as an octal escape (\\047), read back once. Python: only in a '…' or \"…\" string that is a whole argument of a call. Tcl: a plain argument of $AdminConfig/$AdminTask/$AdminControl/$AdminApp, or an attribute pair's value {{name [#TAG#]}}. A session using eval, exec, import, os, sys… (Tcl: eval, subst, catch, expr, exec…) refuses all its values; a console started otherwise (sudo, unknown options) refuses every value after it.",
        'No tag at all may follow \\ or $, or sit in $((…)), ((…)), let, [[ … ]], ${…}, an array subscript, or a command that evaluates variable names (declare, export, local, read, unset, printf -v, [ -v): bash would evaluate the value as code.',
        'In patterns, values are matched literally.',
        'Secrets (passwords) are shown as ****** in every log.',
      ],
    },
  ],
  example: [
    'set-read-timeout 5',
    'expect-regex "/[$#>] ?$/"',
    'exec "useradd -m [#USERNAME#]"',
    'expect-regex "/[$#>] ?$/"',
    'exec "passwd [#USERNAME#]"',
    'expect "*password:"',
    'exec "[#NEW_PASSWORD#]"',
    'expect "*password:"',
    'exec "[#NEW_PASSWORD#]"',
    'expect "*updated successfully*"',
    'exec "exit"',
    'end',
  ].join('\n'),
};
