import type { CredentialFields } from '../../../shared/domain/credential';
import type { AuditTrail } from '../../audit/audit-trail';
import type { SecretVault } from '../../vault/secret-vault';
import type { ChangeWriter } from '../change-journal';
import { vaultRef, type CredentialService } from '../credentials/credential-service';
import { keyVaultRef, sealKey } from '../credentials/private-key';
import type { DeviceService } from '../device-service';
import type { TemplateService } from '../template-service';
import type { ImportPlan } from './check';

export interface ApplyDeps {
  readonly devices: Pick<DeviceService, 'reserveIds' | 'prepareImport'>;
  readonly templates: Pick<TemplateService, 'reserveIds' | 'prepareImport'>;
  readonly credentials: Pick<CredentialService, 'reserveIds' | 'prepareImport'>;
  readonly vault: SecretVault;
  readonly audit: AuditTrail;
  readonly changes: ChangeWriter;
}

export interface AppliedCounts {
  readonly devices: number;
  readonly templates: number;
  readonly credentials: number;
  readonly passwords: number;
  readonly keys: number;
  /** Credentials (`user @ device`) the file says had an SSH key, exported without it. */
  readonly keysLeftOut: readonly string[];
  /** Items the choices skipped and renamed (check.ts). */
  readonly skipped: number;
  readonly renamed: number;
}

/**
 * Writes a checked plan: every id allocated first (a credential's authentication credential may be
 * another credential of the bundle), then the passwords and SSH keys, then every row of every kind and the one
 * audit entry as one change (change-journal.ts): all of it, or, should the app stop half-way, all
 * of it at the next start, never a part. Only then are the changed events emitted.
 *
 * The passwords and keys go to the vault before the change's intent, since an intent never holds a
 * secret: should the app stop before the intent is on disk, they belong to ids no row holds (inert,
 * and removed by the next save or import that takes such an id, see stageSecrets).
 *
 * Should a write (or the audit) fail, the change is undone and the secrets removed, and the
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
    key: c.key === undefined ? undefined : sealKey(c.key),
  }));
  const prepared = [
    deps.devices.prepareImport(plan.devices.map((d) => ({ id: real(deviceIds, d.id), fields: d.fields }))),
    deps.templates.prepareImport(
      plan.templates.map((t) => ({ id: real(templateIds, t.id), fields: t.fields })),
      actor,
    ),
    deps.credentials.prepareImport(credentials),
  ];
  const counts: AppliedCounts = {
    devices: plan.devices.length,
    templates: plan.templates.length,
    credentials: plan.credentials.length,
    passwords: credentials.filter((c) => c.password !== undefined).length,
    keys: credentials.filter((c) => c.key !== undefined).length,
    keysLeftOut: plan.credentials.filter((c) => c.keyLeftOut).map((c) => c.label),
    skipped: plan.skipped.length,
    renamed: plan.renamed.length,
  };

  const undoSecrets = await stageSecrets(
    deps.vault,
    credentials.flatMap((c) => [
      { ref: vaultRef(c.id), secret: c.password },
      { ref: keyVaultRef(c.id), secret: c.key },
    ]),
  );
  try {
    await deps.changes.commit(
      {
        tables: prepared.flatMap((p) => p.tables),
        audit: [
          {
            actor,
            action: 'import',
            entity: 'bundle',
            entityId: null,
            label: 'Bundle',
            detail: importDetail(counts),
          },
        ],
      },
      deps.audit,
    );
  } catch (error) {
    await undoSecrets().catch(() => undefined);
    throw error;
  }
  for (const p of prepared) p.applied();
  return counts;
}

/**
 * Writes the passwords and sealed keys (every put of one turn is one vault file write). An id this
 * import took may hold a stale secret, left by a create that stopped after its password or key and
 * before its row: it must not become the imported credential's, so it is removed, as a save does.
 */
async function stageSecrets(
  vault: SecretVault,
  secrets: readonly { ref: string; secret: string | undefined }[],
): Promise<() => Promise<void>> {
  const written: string[] = [];
  const rollback = async () => {
    await Promise.all(written.map((ref) => vault.remove(ref)));
  };
  try {
    const writes: Promise<void>[] = [];
    for (const { ref, secret } of secrets) {
      if (secret !== undefined) {
        written.push(ref);
        writes.push(vault.put(ref, secret));
      } else if (vault.has(ref)) writes.push(vault.remove(ref));
    }
    await Promise.all(writes);
  } catch (error) {
    await rollback().catch(() => undefined);
    throw error;
  }
  return rollback;
}

function importDetail(c: AppliedCounts): string {
  const n = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;
  return (
    `${n(c.devices, 'device')}, ${n(c.templates, 'template')}, ${n(c.credentials, 'credential')} imported; ` +
    (c.passwords === 0 && c.keys === 0
      ? 'no passwords'
      : c.keys === 0
        ? `${n(c.passwords, 'password')} stored in the vault`
        : `${n(c.passwords, 'password')} and ${n(c.keys, 'SSH key')} stored in the vault`) +
    (c.keysLeftOut.length === 0 ? '' : `; ${n(c.keysLeftOut.length, 'SSH key')} not in the bundle`) +
    (c.skipped === 0 ? '' : `; ${n(c.skipped, 'item')} skipped (already here)`) +
    (c.renamed === 0 ? '' : `; ${n(c.renamed, 'item')} renamed`)
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
