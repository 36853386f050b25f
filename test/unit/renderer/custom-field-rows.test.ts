import { describe, expect, it } from 'vitest';
import {
  inputOf,
  rowErrors,
  rowErrorKey,
  rowsFrom,
  sameRows,
  secretHint,
} from '../../../renderer/features/custom-fields/custom-field-rows';
import { fromDraft, toDraft } from '../../../renderer/features/devices/device-draft';
import { aDevice } from './fixtures';

describe('the Custom fields rows', () => {
  it('start from the stored fields: a secret row has no value, only that one is stored', () => {
    const rows = rowsFrom([
      { name: 'HOME', kind: 'text', value: '/home/a', hasValue: true },
      { name: 'API_KEY', kind: 'secret', value: '', hasValue: true },
    ]);
    expect(rows.map((r) => [r.name, r.kind, r.value, r.stored])).toEqual([
      ['HOME', 'text', '/home/a', false],
      ['API_KEY', 'secret', '', true],
    ]);
    // A stored secret left empty is kept; a new one must be typed.
    expect(rowErrors(rows)).toEqual({});
    expect(
      rowErrors([
        ...rows,
        { key: 99, name: 'NEW', kind: 'secret', value: '', stored: false, hasValue: false },
      ]),
    ).toEqual({
      'customFields.2.value': 'Required',
    });
    expect(inputOf(rows)).toEqual([
      { name: 'HOME', kind: 'text', value: '/home/a' },
      { name: 'API_KEY', kind: 'secret', value: '' },
    ]);
    expect(sameRows(rows, rowsFrom([{ name: 'HOME', kind: 'text', value: '/home/a', hasValue: true }]))).toBe(
      false,
    );
  });

  it('say beside each row what is wrong, by the shared rules', () => {
    const errors = rowErrors(
      rowsFrom([
        { name: 'IP', kind: 'text', value: 'x', hasValue: true },
        { name: 'bad-name', kind: 'text', value: 'x', hasValue: true },
        { name: 'OK', kind: 'text', value: '', hasValue: false },
      ]),
    );
    expect(errors).toEqual({
      'customFields.0.name': '[#IP#] is a built-in tag: choose another name',
      'customFields.1.name': 'Upper-case letters, digits and _ only (it is used as [#NAME#])',
      'customFields.2.value': 'Required',
    });
    expect(rowErrorKey('device.customFields.3.value')).toBe('customFields.3.value');
  });

  it('go to the device form: errors beside the row, a valid list into the input', () => {
    const draft = toDraft(
      aDevice({ customFields: [{ name: 'SECRET_X', kind: 'secret', value: '', hasValue: true }] }),
    );
    const ok = fromDraft(draft);
    expect(ok.ok && ok.device.customFields).toEqual([{ name: 'SECRET_X', kind: 'secret', value: '' }]);
    const bad = fromDraft({
      ...draft,
      customFields: [
        ...draft.customFields,
        ...rowsFrom([{ name: 'X', kind: 'text', value: '', hasValue: false }]),
      ],
    });
    expect(bad.ok ? {} : bad.errors).toMatchObject({ 'customFields.1.value': 'Required' });
  });

  it('hint under a secret: kept, typed, or none stored (a warning: Save still goes ahead)', () => {
    const [kept, missing] = rowsFrom([
      { name: 'API_KEY', kind: 'secret', value: '', hasValue: true },
      { name: 'TOKEN', kind: 'secret', value: '', hasValue: false },
    ]);
    if (!kept || !missing) throw new Error('no rows');
    expect(secretHint(kept)).toEqual({ text: 'Secret stored: leave empty to keep it', warn: false });
    expect(secretHint(missing)).toEqual({
      text: 'No value stored: type one (a run using [#TOKEN#] is refused until then)',
      warn: true,
    });
    expect(rowErrors([missing])).toEqual({});
    const typed = { text: 'Secret: not shown again after Save', warn: false };
    expect(secretHint({ ...missing, value: 'v' })).toEqual(typed);
    expect(secretHint({ ...kept, stored: false })).toEqual(typed);
    expect(secretHint({ ...kept, kind: 'text' })).toBeUndefined();
  });
});
