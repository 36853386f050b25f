/**
 * A hostile bundle and Skip: a credential of the bundle that is already here is skipped, and the
 * bundle's references to it point at the existing one. A bundle credential naming it as its
 * authentication credential must not get this installation's secret sent to a device the bundle
 * brings (its address chosen by the file) or used to run a template the bundle brings (its
 * content chosen by the file); on the existing device with templates that are here, it may.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../support/temp-dir';
import { actor } from '../harness';
import { builtIns, bundlePassphrase, openEnv, seedRich, type Env } from './fixtures';

const dirs: ReturnType<typeof makeTempDir>[] = [];
const envs: Env[] = [];
afterEach(async () => {
  for (const env of envs.splice(0)) await env.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

type Item = Record<string, unknown> & { ref: string };
interface Bundle {
  devices: Item[];
  templates: Item[];
  credentials: (Item & { username: string; deviceRef: string; jitRefs: Record<string, string | null> })[];
}

async function seeded() {
  const dir = makeTempDir();
  dirs.push(dir);
  const env = await openEnv(dir.path, { vault: 'real' });
  envs.push(env);
  await env.templates.installBuiltIns(builtIns);
  await seedRich(env);
  const { content } = await env.transfer.exportBundle(
    { includePasswords: true, passphrase: bundlePassphrase },
    actor,
  );
  const bundle = JSON.parse(content) as Bundle;
  const deploy = bundle.credentials.find((c) => c.username === 'deploy');
  const admin = bundle.credentials.find((c) => c.username === 'admin');
  if (!deploy || !admin) throw new Error('seed has no deploy or admin');
  expect(deploy.jitRefs.authCredentialRef).toBe(admin.ref);
  return { env, bundle, deploy };
}

/** Previews `bundle`, Skips every clash, imports: what the import answered. */
async function importSkippingAll(env: Env, bundle: Bundle) {
  const content = JSON.stringify(bundle);
  const input = { content, passphrase: bundlePassphrase };
  const preview = await env.transfer.previewBundle(input, actor);
  if (!preview.previewed) throw new Error(JSON.stringify(preview.problems));
  const choices = preview.clashes.map((c) => ({ path: c.path, action: 'skip' as const }));
  return env.transfer.importBundle({ ...input, preview: { token: preview.token, choices } }, actor);
}

const adminHere = (env: Env) => env.credentials.exportRows().find((c) => c.username === 'admin');

describe('a bundle credential naming an existing (skipped) credential as its authentication credential', () => {
  it('is refused on a device the bundle brings: the existing password would log in to its address', async () => {
    const { env, bundle, deploy } = await seeded();
    const web = bundle.devices.find((d) => d.ref === deploy.deviceRef);
    bundle.devices.push({ ...web, ref: 'evil', name: 'evil-01', address: 'evil.example' });
    bundle.credentials.push({ ...deploy, ref: 'hostile', username: 'hostile', deviceRef: 'evil' });
    const outcome = await importSkippingAll(env, bundle);
    expect(outcome.applied).toBe(false);
    if (outcome.applied) return;
    const index = bundle.credentials.length - 1;
    expect(outcome.problems).toEqual([
      {
        path: `credentials[${index}].jitRefs.authCredentialRef`,
        message: expect.stringMatching(/^admin @ web-01 is a credential here: .*evil-01/) as unknown,
      },
    ]);
    expect(env.devices.list().map((d) => d.name)).not.toContain('evil-01');
    expect(env.credentials.exportRows().map((c) => c.username)).not.toContain('hostile');
  });

  it('is refused with a template the bundle brings: its content would run logged in as that credential', async () => {
    const { env, bundle, deploy } = await seeded();
    const disable = bundle.templates.find((t) => t.ref === deploy.jitRefs.disableTemplateRef);
    bundle.templates.push({
      ...disable,
      ref: 'backdoor',
      name: 'Backdoor',
      content: 'exec "echo backdoor [#USERNAME#]"\n',
    });
    bundle.credentials.push({
      ...deploy,
      ref: 'hostile',
      username: 'hostile',
      jitRefs: { ...deploy.jitRefs, disableTemplateRef: 'backdoor' },
    });
    const outcome = await importSkippingAll(env, bundle);
    expect(outcome.applied).toBe(false);
    if (outcome.applied) return;
    const index = bundle.credentials.length - 1;
    expect(outcome.problems).toEqual([
      {
        path: `credentials[${index}].jitRefs.authCredentialRef`,
        message: expect.stringMatching(/^admin @ web-01 is a credential here: .*"Backdoor"/) as unknown,
      },
    ]);
    expect(env.templates.rows().map((t) => t.name)).not.toContain('Backdoor');
  });

  it('is imported on that credential’s own device with templates that are here', async () => {
    const { env, bundle, deploy } = await seeded();
    bundle.credentials.push({ ...deploy, ref: 'deploy2', username: 'deploy2' });
    const outcome = await importSkippingAll(env, bundle);
    expect(outcome).toMatchObject({ applied: true, credentials: 1 });
    const added = env.credentials.exportRows().find((c) => c.username === 'deploy2');
    expect(added?.jit.authCredentialId).toBe(adminHere(env)?.id);
  });
});
