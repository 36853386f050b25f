import type { CredentialFields } from '../../../shared/domain/credential';
import type { CustomField } from '../../../shared/domain/custom-fields';
import type { AuditTrail } from '../../audit/audit-trail';
import type { SecretVault } from '../../vault/secret-vault';
import type { ChangeWriter } from '../change-journal';
import { customFieldRef, planCustomFields } from '../custom-field-secrets';
import { vaultRef, type CredentialService } from '../credentials/credential-service';
import { keyVaultRef, sealKey } from '../credentials/private-key';
import type { DeviceService } from '../device-service';
import type { TemplateService } from '../template-service';
import type { ImportPlan } from './check';
import type { SecretFieldValues } from './secret-fields';
import { andList } from './wording';

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
  /** Secret custom field values stored in the vault. */
  readonly secretFields: number;
  /** Secret custom fields named without a value (`API_KEY of web-01`), imported empty. */
  readonly secretFieldsLeftOut: readonly string[];
  /** Items the choices skipped and renamed (check.ts). */
  readonly skipped: number;
  readonly renamed: number;
}

/**
 * Writes a checked plan: every id allocated first (a credential's authentication credential may be
 * another credential of the bundle), then the passwords, SSH keys and secret custom field values
 * (each field sealed under its own vault entry, as a form's Save seals it), then every row of
 * every kind and the one audit entry as one change (change-journal.ts): all of it, or, should the
 * app stop half-way, all of it at the next start, never a part. Only then are the changed events
 * emitted.
 *
 * The secrets go to the vault before the change's intent, since an intent never holds a
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
  const devices = plan.devices.map((d) => {
    const id = real(deviceIds, d.id);
    const custom = sealedFields('device', id, d.fields.customFields, d.secretFields);
    return { id, fields: { ...d.fields, customFields: custom.fields }, customSecrets: custom.secrets };
  });
  const credentials = plan.credentials.map((c) => {
    const id = real(credentialIds, c.id);
    const custom = sealedFields('credential', id, c.fields.customFields, c.secretFields);
    return {
      id,
      fields: {
        ...withRealIds(c.fields, deviceIds, templateIds, credentialIds),
        customFields: custom.fields,
      },
      password: c.password,
      key: c.key === undefined ? undefined : sealKey(c.key),
      customSecrets: custom.secrets,
    };
  });
  const customSecrets = [...devices, ...credentials].flatMap((r) => r.customSecrets);
  const prepared = [
    deps.devices.prepareImport(devices.map(({ id, fields }) => ({ id, fields }))),
    deps.templates.prepareImport(
      plan.templates.map((t) => ({ id: real(templateIds, t.id), fields: t.fields })),
      actor,
    ),
    deps.credentials.prepareImport(credentials.map(({ id, fields }) => ({ id, fields }))),
  ];
  const counts: AppliedCounts = {
    devices: plan.devices.length,
    templates: plan.templates.length,
    credentials: plan.credentials.length,
    passwords: credentials.filter((c) => c.password !== undefined).length,
    keys: credentials.filter((c) => c.key !== undefined).length,
    keysLeftOut: plan.credentials.filter((c) => c.keyLeftOut).map((c) => c.label),
    secretFields: customSecrets.filter((s) => s.secret !== undefined).length,
    secretFieldsLeftOut: [...plan.devices, ...plan.credentials].flatMap((r) => r.secretFields.leftOut),
    skipped: plan.skipped.length,
    renamed: plan.renamed.length,
  };

  const undoSecrets = await stageSecrets(deps.vault, [
    ...credentials.flatMap((c) => [
      { ref: vaultRef(c.id), secret: c.password },
      { ref: keyVaultRef(c.id), secret: c.key },
    ]),
    ...customSecrets,
  ]);
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
 * A record's custom fields as a form's Save plans them (planCustomFields: the record keeps a secret
 * field with an empty value, its value goes to its own vault entry), and the vault entry of each
 * secret field: its value, or none for one the bundle left out (stageSecrets then removes a stale
 * value a crashed create may have left under that id, which must not become this record's).
 */
function sealedFields(
  owner: 'device' | 'credential',
  id: number,
  fields: readonly CustomField[],
  secretFields: SecretFieldValues,
): { fields: CustomField[]; secrets: { ref: string; secret: string | undefined }[] } {
  const input = fields.map((f) =>
    f.kind === 'secret' ? { ...f, value: secretFields.values.get(f.name) ?? '' } : f,
  );
  const custom = planCustomFields(owner, id, [], input);
  const secrets = custom.fields
    .filter((f) => f.kind === 'secret')
    .map((f) => {
      const ref = customFieldRef(owner, id, f.name);
      return { ref, secret: custom.writes.get(ref) };
    });
  return { fields: custom.fields, secrets };
}

/**
 * Writes the passwords, sealed keys and secret custom field values (every put of one turn is one
 * vault file write). An id this import took may hold a stale secret, left by a create that stopped
 * after its secrets and before its row: it must not become the imported record's, so it is
 * removed, as a save does.
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
  const left = c.secretFieldsLeftOut.length;
  return (
    `${n(c.devices, 'device')}, ${n(c.templates, 'template')}, ${n(c.credentials, 'credential')} imported; ` +
    (c.passwords === 0 && c.keys === 0 && c.secretFields === 0
      ? 'no passwords'
      : `${andList([
          n(c.passwords, 'password'),
          c.keys === 0 ? '' : n(c.keys, 'SSH key'),
          c.secretFields === 0 ? '' : n(c.secretFields, 'secret custom field'),
        ])} stored in the vault`) +
    (c.keysLeftOut.length === 0 ? '' : `; ${n(c.keysLeftOut.length, 'SSH key')} not in the bundle`) +
    (left === 0 ? '' : `; ${n(left, 'secret custom field')} not in the bundle`) +
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
