import { describe, expect, it } from 'vitest';
import {
  inputOf,
  rowErrors,
  rowErrorKey,
  rowsFrom,
  sameRows,
} from '../../../renderer/features/custom-fields/custom-field-rows';
import { fromDraft, toDraft } from '../../../renderer/features/devices/device-draft';
import { aDevice } from './fixtures';

describe('the Custom fields rows', () => {
  it('start from the stored fields: a secret row has no value, only that one is stored', () => {
    const rows = rowsFrom([
      { name: 'HOME', kind: 'text', value: '/home/a' },
      { name: 'API_KEY', kind: 'secret', value: '' },
    ]);
    expect(rows.map((r) => [r.name, r.kind, r.value, r.stored])).toEqual([
      ['HOME', 'text', '/home/a', false],
      ['API_KEY', 'secret', '', true],
    ]);
    // A stored secret left empty is kept; a new one must be typed.
    expect(rowErrors(rows)).toEqual({});
    expect(rowErrors([...rows, { key: 99, name: 'NEW', kind: 'secret', value: '', stored: false }])).toEqual({
      'customFields.2.value': 'Required',
    });
    expect(inputOf(rows)).toEqual([
      { name: 'HOME', kind: 'text', value: '/home/a' },
      { name: 'API_KEY', kind: 'secret', value: '' },
    ]);
    expect(sameRows(rows, rowsFrom([{ name: 'HOME', kind: 'text', value: '/home/a' }]))).toBe(false);
  });

  it('say beside each row what is wrong, by the shared rules', () => {
    const errors = rowErrors(
      rowsFrom([
        { name: 'IP', kind: 'text', value: 'x' },
        { name: 'bad-name', kind: 'text', value: 'x' },
        { name: 'OK', kind: 'text', value: '' },
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
    const draft = toDraft(aDevice({ customFields: [{ name: 'SECRET_X', kind: 'secret', value: '' }] }));
    const ok = fromDraft(draft);
    expect(ok.ok && ok.device.customFields).toEqual([{ name: 'SECRET_X', kind: 'secret', value: '' }]);
    const bad = fromDraft({
      ...draft,
      customFields: [...draft.customFields, ...rowsFrom([{ name: 'X', kind: 'text', value: '' }])],
    });
    expect(bad.ok ? {} : bad.errors).toMatchObject({ 'customFields.1.value': 'Required' });
  });
});
