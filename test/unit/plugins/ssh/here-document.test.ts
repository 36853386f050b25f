/**
 * Here-documents (here-document.ts): the check follows a body to its delimiter, so a template that
 * writes a file with `cat > f <<'EOF'` keeps its values, and what comes after the body is read
 * again. Each case runs what the plugin types through a real bash (support/bash-harness.ts): on a
 * terminal too, since the plugin's shell has one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { parseTemplate } from '../../../../electron/plugins/ssh/template/parser';
import { substitute } from '../../../../electron/plugins/ssh/template/substitute';
import {
  acceptedAndRuns,
  interactiveRunsCommand,
  lines,
  runsCommand,
  terminalRunsCommand,
} from './support/bash-harness';

const messages = (template: string): string[] => checkSshTemplate(template).map((p) => p.message);

/** What bash -c leaves in the file `out` after the plugin types the template. */
function written(template: string, values: Record<string, string>): string {
  const result = substitute(parseTemplate(template).commands, values);
  if (!result.ok) throw new Error(result.refusal.message);
  const input = result.steps.map((step) => ('send' in step ? step.send : '')).join('');
  const dir = mkdtempSync(join(tmpdir(), 'here-document-'));
  try {
    execFileSync('/bin/bash', ['-c', input], { cwd: dir, stdio: 'ignore', timeout: 10_000 });
    return readFileSync(join(dir, 'out'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sudoers = lines(
  "cat > out <<'EOF'",
  '[#USERNAME#] ALL=(ALL) NOPASSWD: ALL',
  '# [#ADD_INFO#]',
  'EOF',
  'chmod 0440 out',
  'printf %s [#ADD_INFO#] >> out',
);
const hostile = { USERNAME: 'jit_user', ADD_INFO: `$(touch PWNED)'"; touch PWNED; \`touch PWNED\`` };

describe('a body under a quoted delimiter', () => {
  it('is accepted, and its values arrive as they are', () => {
    expect(messages(sudoers)).toEqual([]);
    const text = written(sudoers, hostile);
    expect(text).toBe(`jit_user ALL=(ALL) NOPASSWD: ALL\n# ${hostile.ADD_INFO}\n${hostile.ADD_INFO}`);
  });

  it('runs no value, in bash -c, an interactive bash or on a terminal', () => {
    expect(runsCommand(sudoers, hostile)).toBe(false);
    expect(interactiveRunsCommand(sudoers, hostile)).toBe(false);
    expect(terminalRunsCommand(sudoers, hostile)).toBe(false);
  });

  it('after the delimiter, the lines are read as commands again', () => {
    const template = lines("cat > out <<'EOF'", 'x', 'EOF', 'sh -c [#ADD_INFO#]');
    // Read as a command: sh -c runs its argument as code, so a value without a form is refused.
    expect(messages(template).join('\n')).toMatch(/goes to sh/);
    expect(acceptedAndRuns(template, { ADD_INFO: 'touch PWNED' })).toBe(false);
  });

  it('<<- ends at its delimiter too (the template cannot type tabs: the terminal completes)', () => {
    const template = lines("cat > out <<-'EOF'", 'x [#ADD_INFO#]', 'EOF', 'printf %s [#ADD_INFO#] >> out');
    expect(messages(template)).toEqual([]);
    expect(written(template, { ADD_INFO: 'a b' })).toBe('x a b\na b');
  });

  it('two here-documents on one line are read one after the other', () => {
    const template = lines("cat > out <<'A'; cat >> out <<'B'", 'x [#ADD_INFO#]', 'A', 'y [#ADD_INFO#]', 'B');
    expect(messages(template)).toEqual([]);
    expect(written(template, { ADD_INFO: '$(x)' })).toBe('x $(x)\ny $(x)\n');
  });
});

describe('refused in a body', () => {
  it('a value on a line it could make the delimiter (the lines after would run)', () => {
    for (const body of ['[#USERNAME#]', 'E[#USERNAME#]', '[#USERNAME#]F']) {
      const template = lines("cat > out <<'EOF'", body, 'sh -c [#ADD_INFO#]', 'EOF');
      expect(messages(template).join('\n')).toMatch(/could make its delimiter/);
    }
    // With a form, a user name EOF ends the body: bash runs the next line.
    const template = lines("cat > out <<'EOF'", '[#USERNAME#]', 'touch [#ADD_INFO#]', 'EOF');
    expect(acceptedAndRuns(template, { USERNAME: 'EOF', ADD_INFO: 'PWNED' })).toBe(false);
  });

  it('a value without a form under an unquoted delimiter, where bash expands $ and `', () => {
    const template = lines('cat > out <<EOF', 'user [#USERNAME#] [#ADD_INFO#]', 'EOF');
    expect(messages(template)).toEqual([expect.stringMatching(/delimiter is not quoted/)]);
    expect(acceptedAndRuns(template, { USERNAME: 'u', ADD_INFO: '$(touch PWNED)' })).toBe(false);
    // A user name has its form, and goes there as it is.
    expect(written(lines('cat > out <<EOF', 'user [#USERNAME#]', 'EOF'), { USERNAME: 'jit_user' })).toBe(
      'user jit_user\n',
    );
  });

  it('a value after $ or \\ in an unquoted body (a variable name, an escape)', () => {
    for (const body of ['a $[#USERNAME#]', 'a \\[#USERNAME#]'])
      expect(messages(lines('cat > out <<EOF', body, 'EOF')).join('\n')).toMatch(/follows \$ or/);
    expect(messages(lines("cat > out <<'EOF'", 'a $[#USERNAME#]', 'EOF'))).toEqual([]);
  });

  it('any value after a command substitution in an unquoted body', () => {
    const template = lines('cat > out <<EOF', '$(( 1 +', '[#USERNAME#] ))', 'EOF');
    expect(messages(template).join('\n')).toMatch(/after a command substitution/);
  });

  it.each([
    ['fed to a shell', lines("sh <<'EOF'", '[#ADD_INFO#]', 'EOF')],
    ['piped on into a shell', lines("cat <<'EOF' | sh", '[#ADD_INFO#]', 'EOF')],
    ['in a group piped into a shell', lines("{ cat <<'EOF'", '[#ADD_INFO#]', 'EOF', '} | sh')],
    [
      'fed to a compound that pipes it on',
      lines("while read -r l; do echo $l; done <<'EOF' | bash", '[#ADD_INFO#]', 'EOF'),
    ],
  ])('a value without a form %s', (_name, template) => {
    expect(acceptedAndRuns(template, { ADD_INFO: 'touch PWNED' })).toBe(false);
    expect(acceptedAndRuns(template, { ADD_INFO: 'touch PWNED' }, interactiveRunsCommand)).toBe(false);
  });

  it.each([
    ['inside $(…)', lines("x=$(cat <<'EOF'", '[#ADD_INFO#]', 'EOF', ')')],
    ['with a tag for a delimiter', lines('cat <<[#USERNAME#]', '[#ADD_INFO#]', 'x')],
    ['with an expansion for a delimiter', lines('cat <<$E', '[#ADD_INFO#]', '$E')],
    ['on a line a pipe continues', lines("cat <<'EOF' |", '[#ADD_INFO#]', 'EOF', 'sh')],
  ])('every value after a here-document %s (not followed)', (_name, template) => {
    expect(messages(template).length).toBeGreaterThan(0);
    expect(acceptedAndRuns(template, { ADD_INFO: 'touch PWNED', USERNAME: 'x' })).toBe(false);
  });
});
