import { describe, expect, it } from 'vitest';
import { operationsMethods } from '../../../shared/contract/operations';

// Test on a device's account and database go to the operations log and its screens as typed: the
// rules of a credential's Username and Additional information (review 37).
describe("a test's account and database", () => {
  const base = { templateId: 9, deviceId: 1, login: { credentialId: 2 }, useOnAnotherDevice: false };
  const problem = (fields: { username?: string; additionalInfo?: string }) => {
    const checked = operationsMethods['operations.testTemplate'].input.safeParse({ ...base, ...fields });
    return checked.success ? undefined : checked.error.issues[0];
  };

  it('takes names and databases as credentials take them', () => {
    expect(problem({ username: 'jit_app-1', additionalInfo: 'sales db' })).toBeUndefined();
  });

  it.each([
    [{ username: 'jitok\u202E1' }, 'username', 'U+202E'],
    [{ username: 'a\nid' }, 'username', 'U+000A'],
    [{ additionalInfo: 'db\u0000' }, 'additionalInfo', 'U+0000'],
  ])('refuses %j, naming the field and the character', (fields, field, named) => {
    const issue = problem(fields);
    expect(issue?.path).toEqual([field]);
    expect(issue?.message).toContain(named);
  });
});
