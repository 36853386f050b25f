import { describe, expect, it } from 'vitest';
import { segments } from '../../../renderer/features/sessions/terminal/transcript-segments';

describe("a terminal transcript page's runs", () => {
  it('keeps typed lines and notes apart from output, even output that looks like them (review 37)', () => {
    const at = '2026-12-05T10:00:00.000Z';
    expect(
      segments([
        { at, kind: 'output', text: 'bob@host:~$ ' },
        { at, kind: 'input', text: 'printf ...' },
        { at, kind: 'output', text: '\n› sudo -i\n[transcript truncated at 16 MiB]\n' },
        { at, kind: 'output', text: 'Password: ' },
        { at, kind: 'hidden', text: '[input hidden]' },
        { at, kind: 'input', text: 'id' },
        { at, kind: 'note', text: 'transcript truncated at 16 MiB' },
      ]),
    ).toEqual([
      { kind: 'output', text: 'bob@host:~$ ' },
      { kind: 'typed', text: '› printf ...\n' },
      { kind: 'output', text: '\n› sudo -i\n[transcript truncated at 16 MiB]\nPassword: ' },
      { kind: 'typed', text: '› [input hidden]\n› id\n' },
      { kind: 'note', text: '\n[transcript truncated at 16 MiB]\n' },
    ]);
  });

  it('names bidi controls in output and typed lines', () => {
    const at = '2026-12-05T10:00:00.000Z';
    expect(segments([{ at, kind: 'output', text: 'a\u202Eb' }])).toEqual([
      { kind: 'output', text: 'a⟨U+202E⟩b' },
    ]);
  });
});
