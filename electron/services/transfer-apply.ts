import type { CredentialFields } from '../../shared/domain/credential';
import type { AuditTrail } from '../audit/audit-trail';
import type { SecretVault } from '../vault/secret-vault';
import { vaultRef, type CredentialService } from './credential-service';
import type { DeviceService } from './device-service';
import type { TemplateService } from './template-service';
import type { ImportPlan } from './transfer-check';
import type { StagedImport } from './transfer-staged';

export interface ApplyDeps {
  readonly devices: Pick<DeviceService, 'reserveIds' | 'stageImport'>;
  readonly templates: Pick<TemplateService, 'reserveIds' | 'stageImport'>;
  readonly credentials: Pick<CredentialService, 'reserveIds' | 'stageImport'>;
  readonly vault: SecretVault;
  readonly audit: AuditTrail;
}

export interface AppliedCounts {
  readonly devices: number;
  readonly templates: number;
  readonly credentials: number;
  readonly passwords: number;
}

/**
 * Writes a checked plan: every id allocated first (a credential's authentication credential may be
 * another credential of the bundle), then devices, templates, the passwords, the credentials, each
 * kind in one write, then one audit entry, and only then the changed events. Passwords go before
 * the credential rows, as a single save does: were the app to stop in between, a password without
 * its row is inert, while a JIT credential whose authentication credential has no password is not.
 *
 * Should any write (or the audit) fail, what was written is removed again, newest first, and the
 * failure is rethrown: nothing of the bundle remains and nothing was announced.
 */
export async function applyPlan(plan: ImportPlan, deps: ApplyDeps, actor: string): Promise<AppliedCounts> {
  const deviceIds = idMap(plan.devices, deps.devices.reserveIds(plan.devices.length));
  const templateIds = idMap(plan.templates, deps.templates.reserveIds(plan.templates.length));
  const credentialIds = idMap(plan.credentials, deps.credentials.reserveIds(plan.credentials.length));
  const credentials = plan.credentials.map((c) => ({
    id: real(credentialIds, c.id),
    fields: withRealIds(c.fields, deviceIds, templateIds, credentialIds),
    password: c.password,
  }));

  const staged: StagedImport[] = [];
  try {
    staged.push(
      await deps.devices.stageImport(
        plan.devices.map((d) => ({ id: real(deviceIds, d.id), fields: d.fields })),
      ),
    );
    staged.push(
      await deps.templates.stageImport(
        plan.templates.map((t) => ({ id: real(templateIds, t.id), fields: t.fields })),
        actor,
      ),
    );
    staged.push(await stagePasswords(deps.vault, credentials));
    staged.push(await deps.credentials.stageImport(credentials));
    const counts: AppliedCounts = {
      devices: plan.devices.length,
      templates: plan.templates.length,
      credentials: plan.credentials.length,
      passwords: credentials.filter((c) => c.password !== undefined).length,
    };
    await deps.audit.record({
      actor,
      action: 'import',
      entity: 'bundle',
      entityId: null,
      label: 'Bundle',
      detail: importDetail(counts),
    });
    for (const s of staged) s.commit();
    return counts;
  } catch (error) {
    for (const s of staged.reverse()) await s.rollback().catch(() => undefined);
    throw error;
  }
}

/**
 * Writes the passwords (every put of one turn is one vault file write). An id this import took
 * may hold a stale secret, left by a create that stopped after its password and before its row:
 * it must not become the imported credential's password, so it is removed, as a save does.
 */
async function stagePasswords(
  vault: SecretVault,
  credentials: readonly { id: number; password: string | undefined }[],
): Promise<StagedImport> {
  const written: string[] = [];
  const rollback = async () => {
    await Promise.all(written.map((ref) => vault.remove(ref)));
  };
  try {
    const writes: Promise<void>[] = [];
    for (const { id, password } of credentials) {
      const ref = vaultRef(id);
      if (password !== undefined) {
        written.push(ref);
        writes.push(vault.put(ref, password));
      } else if (vault.has(ref)) writes.push(vault.remove(ref));
    }
    await Promise.all(writes);
  } catch (error) {
    await rollback().catch(() => undefined);
    throw error;
  }
  return { commit: () => undefined, rollback };
}

function importDetail(c: AppliedCounts): string {
  const n = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;
  return (
    `${n(c.devices, 'device')}, ${n(c.templates, 'template')}, ${n(c.credentials, 'credential')} imported; ` +
    (c.passwords === 0 ? 'no passwords' : `${n(c.passwords, 'password')} stored in the vault`)
  );
}

/** Provisional id (negative) → allocated id, by position. */
function idMap(items: readonly { id: number }[], ids: readonly number[]): Map<number, number> {
  return new Map(items.map((item, i) => [item.id, ids[i] ?? 0]));
}

/** Negative ids are bundle records (mapped); positive ones existing records (kept). */
function real(map: ReadonlyMap<number, number>, id: number): number {
  if (id > 0) return id;
  const mapped = map.get(id);
  if (mapped === undefined) throw new Error(`Import plan: no id allocated for ${id}`);
  return mapped;
}

function withRealIds(
  fields: CredentialFields,
  devices: ReadonlyMap<number, number>,
  templates: ReadonlyMap<number, number>,
  credentials: ReadonlyMap<number, number>,
): CredentialFields {
  const { jit } = fields;
  const t = (id: number | null) => (id === null ? null : real(templates, id));
  return {
    ...fields,
    deviceId: real(devices, fields.deviceId),
    jit: {
      ...jit,
      authCredentialId: jit.authCredentialId === null ? null : real(credentials, jit.authCredentialId),
      enableTemplateId: t(jit.enableTemplateId),
      disableTemplateId: t(jit.disableTemplateId),
      createTemplateId: t(jit.createTemplateId),
      deleteTemplateId: t(jit.deleteTemplateId),
    },
  };
}
