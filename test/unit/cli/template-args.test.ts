import { describe, expect, it } from 'vitest';
import { parseTemplateArgs, templateUsage } from '../../../electron/cli/template-args';
import { UsageError } from '../../../electron/platform/usage-error';

const base = ['run', '--plugin', 'postgresql', '--host', '127.0.0.1', '--user', 'admin'];

describe('the template command line: tags', () => {
  it('takes a secret tag from a file, never from the command line', () => {
    expect(parseTemplateArgs([...base, '--tag-file', 'NEW_PASSWORD=-', 't.sql']).tagFiles).toEqual({
      NEW_PASSWORD: '-',
    });
    expect(() => parseTemplateArgs([...base, '--tag', 'NEW_PASSWORD=hunter2', 't.sql'])).toThrow(
      /would put a secret on the command line/,
    );
  });

  it.each(['NEW_PASSWORD_SCRAM', 'NEW_PASSWORD_MYSQL', 'NEW_PASSWORD_SSHA'])(
    'refuses %s, which the run computes from NEW_PASSWORD',
    (name) => {
      for (const option of ['--tag', '--tag-file'])
        expect(() => parseTemplateArgs([...base, option, `${name}=x`, 't.sql'])).toThrow(UsageError);
      expect(() => parseTemplateArgs([...base, '--tag-file', `${name}=x`, 't.sql'])).toThrow(
        /computed from NEW_PASSWORD/,
      );
    },
  );

  it('lists the given secret tags for --tag-file and the hash tags as computed', () => {
    const secretLine = templateUsage.split('\n').find((line) => line.includes('Secret tags')) ?? '';
    expect(secretLine).toContain('NEW_PASSWORD');
    expect(secretLine).not.toContain('NEW_PASSWORD_SCRAM');
    expect(templateUsage).toMatch(
      /NEW_PASSWORD_SCRAM, NEW_PASSWORD_MYSQL, NEW_PASSWORD_SSHA\)\s+are computed/,
    );
  });
});

describe('the template command line: user-defined tags', () => {
  it('takes them with --tag, and secret ones with --tag-file', () => {
    const args = parseTemplateArgs([...base, '--tag', 'HOME=/home/a', '--tag-file', 'API_KEY=-', 't.sql']);
    expect(args.tags).toEqual({ HOME: '/home/a' });
    expect(args.tagFiles).toEqual({ API_KEY: '-' });
  });

  it('refuses a name longer than 64 characters, and says how to make one secret', () => {
    expect(() => parseTemplateArgs([...base, '--tag', `${'X'.repeat(65)}=v`, 't.sql'])).toThrow(
      'a tag name has at most 64 characters',
    );
    expect(templateUsage).toContain('--tag-file NAME=FILE to make the\nvalue secret');
  });
});
