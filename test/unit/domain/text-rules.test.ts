import { describe, expect, it } from 'vitest';
import { credentialInputSchema, credentialSchema } from '../../../shared/domain/credential';
import { deviceInputSchema, deviceSchema } from '../../../shared/domain/device';
import { templateInputSchema, templateSchema } from '../../../shared/domain/template';
import { bidiShown, textCut, textProblem } from '../../../shared/domain/text-rules';

const device = { name: 'web-01', address: '10.0.0.1', type: 'Server' };
const credential = { username: 'alice', type: 'Local user', deviceId: 1 };
const template = { name: 'Create', pluginId: 'postgresql', executionType: 'New user', content: 'SELECT 1;' };
const stamps = { id: 1, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' };

/** [field, message] of every issue, as the form places them. */
const issues = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } | undefined }) =>
  result.error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

const bidi = (cp: number) =>
  `contains a bidirectional control character (U+${cp.toString(16).toUpperCase().padStart(4, '0')}), which makes text display differently from what it is`;

describe('names and labels refuse control and bidirectional formatting characters', () => {
  it.each([0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c])(
    'refuses U+%s in a device name, naming the field and the reason',
    (cp) => {
      const name = `web${String.fromCodePoint(cp)}-01`;
      expect(issues(deviceInputSchema.safeParse({ ...device, name }))).toEqual([
        ['name', `Device name ${bidi(cp)}`],
      ]);
    },
  );

  it.each([
    ['vendor', 'Vendor'],
    ['product', 'Product'],
    ['site', 'Site'],
  ])('refuses a C0, DEL or C1 control in the device %s', (field, label) => {
    for (const cp of [0x00, 0x07, 0x1b, 0x7f, 0x85, 0x9b]) {
      const value = `a${String.fromCodePoint(cp)}b`;
      expect(issues(deviceInputSchema.safeParse({ ...device, [field]: value }))).toEqual([
        [
          field,
          `${label} contains a control character (U+${cp.toString(16).toUpperCase().padStart(4, '0')}); only printable text is allowed`,
        ],
      ]);
    }
  });

  it('refuses a line or paragraph separator in a one-line label', () => {
    expect(issues(deviceInputSchema.safeParse({ ...device, site: 'a\u2028b' }))).toEqual([
      ['site', 'Site contains a line break (U+2028); it must be one line'],
    ]);
  });

  it.each([
    ['username', 'Username'],
    ['domain', 'Domain'],
    ['additionalInfo', 'Additional information'],
  ])('refuses bidi overrides and controls in the credential %s', (field, label) => {
    expect(issues(credentialInputSchema.safeParse({ ...credential, [field]: 'adm\u202Enimda' }))).toEqual([
      [field, `${label} ${bidi(0x202e)}`],
    ]);
    expect(issues(credentialInputSchema.safeParse({ ...credential, [field]: 'a\u0080b' }))).toEqual([
      [field, `${label} contains a control character (U+0080); only printable text is allowed`],
    ]);
  });

  it('refuses them in a template name, description and content; content keeps tabs and line breaks', () => {
    expect(issues(templateInputSchema.safeParse({ ...template, name: 'Create\u2067' }))).toEqual([
      ['name', `Template name ${bidi(0x2067)}`],
    ]);
    expect(issues(templateInputSchema.safeParse({ ...template, description: 'line\u001b[31m' }))).toEqual([
      [
        'description',
        'Description contains a control character (U+001B); only tabs and line breaks are allowed',
      ],
    ]);
    expect(
      issues(templateInputSchema.safeParse({ ...template, content: 'SELECT 1; -- \u202E;2 TCELES' })),
    ).toEqual([['content', `The template ${bidi(0x202e)}`]]);
    expect(
      templateInputSchema.safeParse({
        ...template,
        description: 'two\nlines',
        content: 'SELECT\t1;\r\nSELECT 2;\n',
      }).success,
    ).toBe(true);
  });

  it('accepts right-to-left letters, accents and emoji (joiners included): only formatting characters are refused', () => {
    for (const name of ['שרת-ראשי', 'خادم', 'Société Générale', 'db 👩‍💻 lab', '服务器']) {
      expect(deviceInputSchema.safeParse({ ...device, name, vendor: name }).success).toBe(true);
      expect(credentialInputSchema.safeParse({ ...credential, username: name, domain: name }).success).toBe(
        true,
      );
    }
    expect(textProblem('a\tb', 'X', { multiline: true })).toBeUndefined();
    expect(textProblem('a\tb', 'X')).toBe(
      'X contains a control character (U+0009); only printable text is allowed',
    );
  });

  it('refuses half of a surrogate pair (a paste cut inside an emoji), alone or at either end', () => {
    const half = 'contains half of a character (a lone UTF-16 surrogate)';
    for (const name of ['web-\ud83d', '\udc69-web', 'w\udc69\ud83deb']) {
      expect(issues(deviceInputSchema.safeParse({ ...device, name }))).toEqual([
        ['name', `Device name ${half}`],
      ]);
    }
    // Both halves together are one character, and fine.
    expect(textProblem('web-\ud83d\udc69', 'Name')).toBeUndefined();
    expect(textProblem('x\ud800', 'Value', { multiline: true })).toBe(`Value ${half}`);
  });

  it('still reads records stored before the rule (so they show, and can be corrected)', () => {
    const old = `web\u202E-01`;
    expect(
      deviceSchema.safeParse({
        ...device,
        ...stamps,
        name: old,
        vendor: old,
        tags: [],
        connectivity: [],
        active: true,
        credentialCount: 0,
      }).success,
    ).toBe(true);
    expect(
      credentialSchema.safeParse({
        ...credential,
        ...stamps,
        username: old,
        additionalInfo: old,
        hasPassword: false,
        deleted: false,
        lastUsedAt: null,
      }).success,
    ).toBe(true);
    expect(
      templateSchema.safeParse({
        ...template,
        ...stamps,
        name: old,
        content: `x\u001b`,
        version: 1,
        builtIn: false,
      }).success,
    ).toBe(true);
  });
});

describe('bidiShown', () => {
  it('names each bidirectional formatting character in its place, and leaves all else', () => {
    expect(bidiShown('red \u202Erlo')).toBe('red ⟨U+202E⟩rlo');
    expect(bidiShown('\u2066a\u2069\u200E\u200F\u061C\u202A')).toBe(
      '⟨U+2066⟩a⟨U+2069⟩⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩⟨U+202A⟩',
    );
    expect(bidiShown('שלום, émoji 🙂, tab\t')).toBe('שלום, émoji 🙂, tab\t');
  });
});

describe('textCut', () => {
  it('keeps the first characters, says how many more there were, and never splits a pair', () => {
    expect(textCut('abcdef', 6)).toBe('abcdef');
    expect(textCut('abcdefgh', 6)).toBe('abcdef… (2 more characters not kept)');
    expect(textCut('abcde🙂xyz', 6)).toBe('abcde… (5 more characters not kept)');
    expect(textCut('x'.repeat(12_345), 10)).toBe(`${'x'.repeat(10)}… (12,335 more characters not kept)`);
  });
});
