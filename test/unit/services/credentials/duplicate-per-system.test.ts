import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../support/temp-dir';
import { actor, credential, device, keep, openServices, type Services } from '../harness';

/**
 * One host, two database systems (PostgreSQL and MariaDB): the same user name in each is two
 * accounts, told apart by the database in Additional information (issue 12, item 11).
 */
let dir: ReturnType<typeof makeTempDir>;
let s: Services;
let host: number;
beforeEach(async () => {
  dir = makeTempDir();
  s = openServices(dir.path);
  host = (await s.devices.save(undefined, device({ name: 'db-host', type: 'Database' }), actor)).id;
});
afterEach(async () => {
  await s.audit.close();
  dir.remove();
});

const admin = (additionalInfo: string) =>
  credential({ username: 'admin', type: 'Local administrator', deviceId: host, additionalInfo });

describe('the same user name for two systems on one device', () => {
  it('is accepted when the databases differ, refused when they are the same (any case, any spaces)', async () => {
    await s.credentials.save(undefined, admin('postgres'), keep, actor);
    expect((await s.credentials.save(undefined, admin('mysql'), keep, actor)).additionalInfo).toBe('mysql');
    await expect(s.credentials.save(undefined, admin(' MySQL '), keep, actor)).rejects.toMatchObject({
      code: 'conflict',
      field: 'username',
      message: 'admin @ db-host already exists (credential 2)',
    });
    expect(
      s.credentials.duplicateOf({ deviceId: host, username: 'admin', domain: '' }, null),
    ).toBeUndefined();
    expect(
      s.credentials.duplicateOf(
        { deviceId: host, username: 'admin', domain: '', additionalInfo: 'postgres' },
        null,
      ),
    ).toEqual({ id: 1, label: 'admin @ db-host' });
  });

  it('editing one to the other’s database is refused; moving it to a third is not', async () => {
    await s.credentials.save(undefined, admin('postgres'), keep, actor);
    const maria = await s.credentials.save(undefined, admin('mysql'), keep, actor);
    await expect(s.credentials.save(maria.id, admin('postgres'), keep, actor)).rejects.toMatchObject({
      code: 'conflict',
    });
    expect((await s.credentials.save(maria.id, admin('mariadb'), keep, actor)).additionalInfo).toBe(
      'mariadb',
    );
  });
});
