import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { credentialQuerySchema } from '../../../shared/contract/credentials';
import { failureFromZod } from '../../../shared/result';
import { credentialsHandlers } from '../../../electron/core/handlers/credentials';
import { errorsFromFailure } from '../../../renderer/features/credentials/form/credential-draft';
import { makeTempDir } from '../../support/temp-dir';
import {
  actor,
  credential,
  enableDisableJit,
  openServices,
  seedJit,
  setPassword,
  type Services,
} from '../services/harness';

let dir: ReturnType<typeof makeTempDir>;
let s: Services;
beforeEach(() => {
  dir = makeTempDir();
  s = openServices(dir.path);
});
afterEach(async () => {
  await s.audit.close();
  dir.remove();
});

describe('a refusal names every field to blame', () => {
  it('failureFromZod keeps the first issue as field and message, and lists them all', () => {
    const schema = z.object({ name: z.string().min(1), port: z.number().max(65535) });
    const parsed = schema.safeParse({ name: '', port: 70000 });
    if (parsed.success) throw new Error('expected a failure');
    const failure = failureFromZod(parsed.error, 'device');
    expect(failure.field).toBe('device.name');
    expect(failure.message).toMatch(/^device\.name: /);
    expect(failure.problems?.map((p) => p.field)).toEqual(['device.name', 'device.port']);
  });

  it('one problem stays a plain failure, without a list', () => {
    const parsed = z.object({ name: z.string().min(1) }).safeParse({ name: '' });
    if (parsed.success) throw new Error('expected a failure');
    expect(failureFromZod(parsed.error)).not.toHaveProperty('problems');
  });

  it('credentials.save breaking two rules answers both fields by their input path, and writes nothing', async () => {
    const seed = await seedJit(s);
    const before = s.credentials.list(credentialQuerySchema.parse({})).total;
    const handlers = credentialsHandlers(s.credentials);
    const broken = credential({
      deviceId: seed.web.id,
      jit: { ...enableDisableJit(seed), enableTemplateId: null, disableTemplateId: null },
    });
    const result = await handlers['credentials.save'](
      { credential: broken, password: setPassword('x') },
      { transport: 'ipc', actor },
    );
    if (result.ok) throw new Error('expected a refusal');
    expect(result.problems?.map((p) => p.field)).toEqual([
      'credential.jit.enableTemplateId',
      'credential.jit.disableTemplateId',
    ]);
    expect(result.field).toBe('credential.jit.enableTemplateId');
    // The dialog puts each beside its drop-down.
    const errors = errorsFromFailure(result, result.message);
    expect(Object.keys(errors).sort()).toEqual(['jit.disableTemplateId', 'jit.enableTemplateId']);
    expect(s.credentials.list(credentialQuerySchema.parse({})).total).toBe(before);
  });
});
