// User-defined tags ([#HOME#], [#COE_SENHA#]): any well-formed name beyond the built-in list is a
// tag of the template's own, filled from custom fields or --tag. These tests cover the engine's
// share: the name rule, secrecy marking and masking, the escaping of hostile values, and the
// refusal of a missing value before any connection.
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTemplate } from '../../../../electron/plugins/ssh/template/parser';
import { substitute } from '../../../../electron/plugins/ssh/template/substitute';
import { createPluginRegistry } from '../../../../electron/plugins/registry';
import {
  isKnownTag,
  isSecretTag,
  MASK,
  Masker,
  runSecrets,
  tagProblems,
  withDerivedTags,
  withSecretTags,
} from '../../../../electron/plugins/tag-engine';
import type { PluginId } from '../../../../shared/domain/plugin';
import { findTagProblems, isUserTagName, usedUserTags } from '../../../../shared/domain/template-tags';

describe('the user-defined tag name rule', () => {
  it('accepts upper-case letters, digits and _ up to 64 characters, and no built-in name', () => {
    expect(isUserTagName('COE_SENHA')).toBe(true);
    expect(isUserTagName('A')).toBe(true);
    expect(isUserTagName('X'.repeat(64))).toBe(true);
    expect(isUserTagName('X'.repeat(65))).toBe(false);
    expect(isUserTagName('home')).toBe(false);
    expect(isUserTagName('MY-TAG')).toBe(false);
    expect(isUserTagName('')).toBe(false);
    expect(isUserTagName('USERNAME')).toBe(false);
    expect(isUserTagName('NEW_PASSWORD_SCRAM')).toBe(false);
  });

  it('lets a template use them: only malformed tags and over-long names are problems', () => {
    const template =
      'exec "[#HOME#]"\nexec "[#GOOGLE_KEY#] [#USERNAME#]"\n[#lower#] [#' + 'X'.repeat(65) + '#]';
    expect(findTagProblems(template).map((p) => [p.line, p.column, p.message])).toEqual([
      [3, 1, 'Malformed tag [#lower#]: write [#NAME#] in upper case'],
      [3, 11, `Unknown tag [#${'X'.repeat(65)}#]: a tag name has at most 64 characters`],
    ]);
    expect(tagProblems('exec "[#AZURE_APP_ID#]"')).toEqual([]);
    expect(isKnownTag('AZURE_APP_ID')).toBe(true);
    expect(usedUserTags(template)).toEqual(['HOME', 'GOOGLE_KEY']);
  });
});

describe('secret user-defined tags', () => {
  // Made in each test, not once at describe time: a mutation run activates a mutant per test, and
  // code run outside every test would never see one.
  const secretValues = () =>
    withSecretTags({ USERNAME: 'alice', HOME: '/home/alice', API_KEY: 'k3y-Secret-9' }, ['API_KEY']);

  it('are secret only where marked, and the mark survives a copy of the values', async () => {
    const tags = secretValues();
    expect(isSecretTag('API_KEY', tags)).toBe(true);
    expect(isSecretTag('HOME', tags)).toBe(false);
    expect(isSecretTag('API_KEY')).toBe(false);
    expect(isSecretTag('API_KEY', { ...tags })).toBe(true);
    expect(isSecretTag('API_KEY', (await withDerivedTags('[#API_KEY#]', tags)).tags)).toBe(true);
    // The mark is no tag: listing the values never shows it.
    expect(Object.keys(tags)).toEqual(['USERNAME', 'HOME', 'API_KEY']);
  });

  it('cannot make a built-in tag secret or public', () => {
    const marked = withSecretTags({ USERNAME: 'alice', NEW_PASSWORD: 'pw-Secret-1' }, ['USERNAME']);
    expect(isSecretTag('USERNAME', marked)).toBe(false);
    expect(isSecretTag('NEW_PASSWORD', marked)).toBe(true);
  });

  it('are masked in logs like a password, and text ones are not', () => {
    const tags = secretValues();
    expect(runSecrets(tags)).toEqual(['k3y-Secret-9']);
    const masker = new Masker(runSecrets(tags));
    expect(masker.mask('key=k3y-Secret-9 home=/home/alice')).toBe(`key=${MASK} home=/home/alice`);
  });

  it('are masked in the step an SSH template shows, and sent as they are', () => {
    const tags = secretValues();
    const parsed = parseTemplate('exec "[#API_KEY#]"\nexec "ls [#HOME#]"');
    const result = substitute(parsed.commands, tags);
    if (!result.ok) throw new Error(result.refusal.message);
    expect(result.steps.map((s) => s.display)).toEqual([`exec "${MASK}"`, `exec "ls '/home/alice'"`]);
    expect(result.secrets).toContain('k3y-Secret-9');
  });
});

describe('hostile user-defined values', () => {
  // The same escaping as a built-in value: a value is data, never template text.
  function sshSent(value: string): string {
    const result = substitute(parseTemplate('exec "echo [#NOTE#]"').commands, { NOTE: value });
    if (!result.ok) throw new Error(`refused: ${result.refusal.message}`);
    const [step] = result.steps;
    return step?.kind === 'exec' ? step.send : '';
  }

  it('are quoted for the shell exactly as ADD_INFO is', () => {
    for (const value of ["o'brien; rm -rf /", '$(touch /tmp/x)', '`id`', 'a b|c>d']) {
      const asBuiltIn = substitute(parseTemplate('exec "echo [#ADD_INFO#]"').commands, { ADD_INFO: value });
      if (!asBuiltIn.ok) throw new Error(asBuiltIn.refusal.message);
      const [step] = asBuiltIn.steps;
      expect(sshSent(value)).toBe(step?.kind === 'exec' ? step.send : '');
    }
    expect(sshSent('$(touch /tmp/x)')).toBe("echo '$(touch /tmp/x)'\n");
  });

  it('that look like a tag stay text (values are never scanned for tags again)', () => {
    expect(sshSent('[#USERNAME#]')).toBe("echo '[#USERNAME#]'\n");
  });

  it('are refused by the SSH rules where no quoting makes them literal', () => {
    const result = substitute(parseTemplate('exec "echo [#NOTE#]"').commands, { NOTE: 'a\nreboot' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.refusal.message).toContain('[#NOTE#]');
  });
});

describe('a user-defined tag without a value', () => {
  // A TCP server that only counts connections: a refused run must not connect at all.
  let server: Server;
  let connections = 0;
  let port = 0;
  beforeAll(async () => {
    server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const templates: Partial<Record<PluginId, string>> = {
    ssh: 'exec "id"\nexec "echo [#COE_SENHA#]"',
    postgresql: 'SELECT 1;\nSELECT [#COE_SENHA#];',
    mysql: 'SELECT 1;\nSELECT [#COE_SENHA#];',
    ldap: 'find "dc=lab" "(uid=[#COE_SENHA#])"',
  };

  it.each(Object.keys(templates) as PluginId[])(
    '%s: is refused by name before anything is sent',
    async (id) => {
      const runtime = createPluginRegistry({ sshHostKeyCheck: () => true }).get(id);
      if (runtime === undefined) throw new Error(`no ${id} plugin`);
      const result = await runtime.run({
        template: templates[id] ?? '',
        tags: { USERNAME: 'alice' },
        target: { host: '127.0.0.1', port },
        login: { username: 'root', password: 'login-Secret-1' },
        timeouts: { connectSeconds: 2, readSeconds: 2 },
      });
      expect(result.ok).toBe(false);
      expect(result.failure).toMatchObject({ kind: 'refused' });
      expect(result.failure?.message).toContain('No value for [#COE_SENHA#]');
      expect(connections).toBe(0);
    },
  );
});
