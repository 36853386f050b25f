// StrykerJS over the security core: each module below is scored on its own by
// scripts/mutation.mjs, which runs Stryker with this file and prints the per-module figures.
/** The security core, by module: what a surviving mutant there would let through. */
export const modules = {
  'host guards': ['electron/host/request-guard.ts'],
  vault: [
    'electron/vault/crypto.ts',
    'electron/vault/vault-service.ts',
    'electron/vault/grouped-file-writer.ts',
  ],
  // The SSH template's shell model, in four modules so that each runs in under 40 minutes on this
  // shared 2-CPU machine (one module of all of them was about 75 minutes, and never finished).
  'ssh shell context': [
    'electron/plugins/ssh/template/shell-context.ts',
    'electron/plugins/ssh/template/shell-quote.ts',
    // Which `!` an interactive bash would expand from its history: substitute.ts refuses a value
    // by it, so a mutant here lets a value's `!` reach the shell.
    'electron/plugins/ssh/template/history-expansion.ts',
  ],
  // substitute.ts is kept whole: besides quoting and refusing values, its display lines are where
  // secrets are masked, so none of it is outside the security core.
  'ssh substitution': ['electron/plugins/ssh/template/substitute.ts'],
  // How the shell context reads a typed line: words, quotes, and where a tag lands. A mutant here
  // misplaces a tag, so the value is quoted for the wrong context.
  'ssh shell reader': [
    'electron/plugins/ssh/template/shell-reader.ts',
    'electron/plugins/ssh/template/shell-settings.ts',
    'electron/plugins/ssh/template/tag-placement.ts',
    'electron/plugins/ssh/template/here-document.ts',
  ],
  // Which commands re-parse their arguments (`sh -c`, `su -c`, `runuser`...), after the shell's own
  // quote removal: a mutant here sends a value to a second shell.
  'ssh command rules': [
    'electron/plugins/ssh/template/command-rules.ts',
    'electron/plugins/ssh/template/shell-command.ts',
    'electron/plugins/ssh/template/lead-ins.ts',
    // Where runners (flock, pkexec, runuser -u…) run their command: a mutant there misses a shell
    // a value names.
    'electron/plugins/ssh/template/runners.ts',
  ],
  // Values that reach a second reader: sed's s command, and the Python or Tcl console a template
  // opens. A mutant here escapes a value for the wrong reader, or lets it where none is followed.
  'ssh second readers': [
    'electron/plugins/ssh/template/sed-script.ts',
    'electron/plugins/ssh/template/console-session.ts',
    'electron/plugins/ssh/template/python-reader.ts',
    'electron/plugins/ssh/template/tcl-reader.ts',
  ],
  'sql escaping': [
    'electron/plugins/postgresql/escape.ts',
    'electron/plugins/mysql/escape.ts',
    'electron/plugins/tag-engine/sql/sql-template.ts',
    // Which runs leave a kept connection without DISCARD ALL: a mutant here keeps a session's state.
    'electron/plugins/postgresql/session-state.ts',
  ],
  'ldap escaping': ['electron/plugins/ldap/dn.ts', 'electron/plugins/ldap/filter.ts'],
  'tag engine': [
    'electron/plugins/tag-engine/tags.ts',
    'electron/plugins/tag-engine/values.ts',
    'electron/plugins/tag-engine/mask.ts',
  ],
  'audit log': ['electron/audit/audit-log.ts'],
  'credential rules': ['shared/domain/rules/credential-rules.ts'],
  // What a terminal session's transcript keeps: the text as shown (a mutant here lets an escape
  // inside a secret through), its cuts, and which typed lines a password prompt hides.
  'terminal transcript': [
    'electron/plugins/ssh/connection/terminal-text.ts',
    'electron/plugins/ssh/connection/line-cells.ts',
    'electron/plugins/ssh/connection/line-edits.ts',
    'electron/plugins/ssh/connection/typed-line.ts',
    'electron/sessions/pending-line.ts',
    'electron/sessions/terminal-recorder.ts',
  ],
};

const sshShellTests = [
  'test/unit/plugins/ssh/shell-context.test.ts',
  'test/unit/plugins/ssh/shell-quoting.test.ts',
  'test/unit/plugins/ssh/history-expansion.test.ts',
  'test/unit/plugins/ssh/substitute.test.ts',
  'test/unit/plugins/ssh/quoted-value-attacks.test.ts',
  'test/unit/plugins/ssh/typed-lines.test.ts',
  'test/unit/plugins/ssh/one-tag-line.test.ts',
  'test/unit/plugins/ssh/check.test.ts',
  'test/unit/plugins/ssh/regex-literal.test.ts',
  'test/unit/plugins/ssh/conversation.test.ts',
  'test/unit/plugins/ssh/vendor-settings.test.ts',
  'test/unit/plugins/ssh/ssh-plugin.test.ts',
  'test/unit/plugins/tag-engine/user-tags.test.ts',
];

/** The shell-model test files that run each row through a real bash. */
const startsBash = [
  'test/unit/plugins/ssh/shell-quoting.test.ts',
  'test/unit/plugins/ssh/quoted-value-attacks.test.ts',
];

/**
 * The unit tests each module is scored against: its own tests, not every test that imports it
 * (the audit log and the vault are reached from most of the suite, whose initial run alone did not
 * finish in Stryker's 5 minutes on a shared 2-CPU machine). A mutant only these tests miss counts
 * as surviving even if a test elsewhere would kill it: the module's own tests must hold it.
 */
export const moduleTests = {
  'host guards': ['test/unit/host/request-guard*.test.ts'],
  vault: ['test/unit/vault/*.test.ts'],
  // The SSH test files that reach the template's shell model (check.ts and substitute.ts import
  // it; ssh-plugin.ts imports both). The other SSH test files (the terminal, the output window,
  // the parser...) never load these files; the wider suite that reaches them through the plugin
  // registry (template service, executor, host wiring) is not their own test.
  // Besides, every SSH test file that starts no bash and reaches its consoles, here-documents and
  // probes (second readers, the reader's and the settings' survivors): shell-context.ts is their
  // entry point, so that their rows hold its mutants too.
  'ssh shell context': [
    ...sshShellTests,
    'test/unit/plugins/ssh/second-readers-check.test.ts',
    'test/unit/plugins/ssh/second-reader-attacks.test.ts',
    'test/unit/plugins/ssh/second-reader-attacks-2.test.ts',
    'test/unit/plugins/ssh/second-readers-mutants.test.ts',
    'test/unit/plugins/ssh/substitute-mutants.test.ts',
    'test/unit/plugins/ssh/shell-reader-mutants.test.ts',
    'test/unit/plugins/ssh/shell-reader-survivors-*.test.ts',
    'test/unit/plugins/ssh/shell-settings*.test.ts',
    'test/unit/plugins/ssh/command-strings*.test.ts',
    'test/unit/plugins/ssh/history-expansion-survivors.test.ts',
    'test/unit/plugins/ssh/shell-context-survivors-*.test.ts',
    'test/unit/plugins/ssh/second-readers-survivors-*.test.ts',
    // The mutants of the fixes of 4 December evening, in these three modules.
    'test/unit/plugins/ssh/fixes-1204-survivors.test.ts',
  ],
  // substitute.ts also escapes values for sed and the consoles: second-readers-check.test.ts
  // holds those exact outputs; the other second-readers files are not needed to hold its mutants.
  'ssh substitution': [
    ...sshShellTests,
    'test/unit/plugins/ssh/second-readers-check.test.ts',
    'test/unit/plugins/ssh/substitute-mutants.test.ts',
  ],
  // Its own tables besides (exact placements, the survivors' tests, every rule's benign side), and
  // only the files that start no bash: the attack reviews' files run each row through a real bash
  // or terminal, which made the module's 2,000-odd mutants a run of 2.5 to 4 hours here. Their
  // refusals stay in `npm test`; a mutant only they would kill counts here as surviving.
  'ssh shell reader': [
    ...sshShellTests.filter((file) => !startsBash.includes(file)),
    'test/unit/plugins/ssh/shell-reader-mutants.test.ts',
    'test/unit/plugins/ssh/shell-reader-survivors-*.test.ts',
    'test/unit/plugins/ssh/shell-settings.test.ts',
    'test/unit/plugins/ssh/shell-settings-survivors-*.test.ts',
    'test/unit/plugins/ssh/command-strings*.test.ts',
    'test/unit/plugins/ssh/fixes-1204-survivors.test.ts',
  ],
  // shell-command.ts builds the commands the reader reads: the reader's own tables hold it too.
  'ssh command rules': [
    ...sshShellTests,
    'test/unit/plugins/ssh/shell-reader-mutants.test.ts',
    'test/unit/plugins/ssh/shell-reader-survivors-*.test.ts',
    'test/unit/plugins/ssh/shell-settings*.test.ts',
    'test/unit/plugins/ssh/command-strings*.test.ts',
    'test/unit/plugins/ssh/command-rules-survivors*.test.ts',
    'test/unit/plugins/ssh/runners.test.ts',
    // sed's one s command and awk's programs that run code (classifyName).
    'test/unit/plugins/ssh/second-readers-check.test.ts',
    'test/unit/plugins/ssh/second-reader-attacks.test.ts',
    'test/unit/plugins/ssh/second-reader-attacks-2.test.ts',
  ],
  // Exact output and refusals; second-readers.test.ts runs the same values through real sed,
  // python3 and tclsh, too slow to repeat for every mutant.
  'ssh second readers': [
    'test/unit/plugins/ssh/second-readers-check.test.ts',
    'test/unit/plugins/ssh/second-reader-attacks.test.ts',
    'test/unit/plugins/ssh/second-readers-mutants.test.ts',
    'test/unit/plugins/ssh/second-readers-survivors-*.test.ts',
    'test/unit/plugins/ssh/fixes-1204-survivors.test.ts',
    // The consoles' exits the attack review of 4 December evening found (no bash started).
    'test/unit/plugins/ssh/review-1204-evening.test.ts',
    'test/unit/plugins/ssh/review-1204-evening-survivors.test.ts',
  ],
  'sql escaping': [
    'test/unit/plugins/postgresql/*.test.ts',
    'test/unit/plugins/mysql/*.test.ts',
    'test/unit/plugins/tag-engine/tags.test.ts',
    'test/unit/plugins/tag-engine/sql-template.test.ts',
  ],
  'ldap escaping': ['test/unit/plugins/ldap/*.test.ts'],
  'tag engine': [
    'test/unit/plugins/tag-engine/tags.test.ts',
    'test/unit/plugins/tag-engine/tag-core.test.ts',
    'test/unit/plugins/tag-engine/secret-forms.test.ts',
    'test/unit/plugins/tag-engine/password-hashes.test.ts',
    // User-defined tags and which of them are secret (tags.ts withSecretTags).
    'test/unit/plugins/tag-engine/user-tags.test.ts',
    'test/unit/plugins/ssh/substitute.test.ts',
  ],
  'audit log': ['test/unit/audit/*.test.ts'],
  'credential rules': [
    'test/unit/domain/*.test.ts',
    'test/unit/services/credentials/credential-rules.test.ts',
    'test/unit/services/credentials/jit-plugin-pair.test.ts',
    'test/unit/services/credentials/credential-options.test.ts',
  ],
  'terminal transcript': [
    'test/unit/plugins/ssh/terminal-text.test.ts',
    'test/unit/plugins/ssh/line-edits.test.ts',
    'test/unit/sessions/terminal-line-edits.test.ts',
    'test/unit/sessions/terminal-transcript.test.ts',
    'test/unit/sessions/terminal-transcript-survivors.test.ts',
  ],
};

/** Where the JSON report goes; scripts/mutation.mjs reads it. */
export const reportFile = 'test-results/mutation/mutation.json';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: Object.values(modules).flat(),
  coverageAnalysis: 'perTest',
  // Module-level constants would rerun every test for each mutant; their use is what is tested.
  ignoreStatic: true,
  // Reruns only the mutants whose code or tests changed since the last run.
  incremental: true,
  incrementalFile: 'test-results/mutation/incremental.json',
  reporters: ['json', 'clear-text', 'progress'],
  jsonReporter: { fileName: reportFile },
  htmlReporter: { fileName: 'test-results/mutation/mutation.html' },
  concurrency: 2,
  timeoutMS: 10_000,
  // The initial run of a module's tests, on a machine others share: a bound for a hung run.
  dryRunTimeoutMinutes: 15,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
