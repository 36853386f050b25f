import type { CustomField } from '../../../shared/domain/custom-fields';
import {
  bundleFormat,
  bundleVersion,
  type Bundle,
  type BundleBuiltInTemplate,
  type BundleCredential,
  type BundleDevice,
  type BundleTemplate,
} from '../../../shared/domain/bundle';
import type { StoredCredential, StoredDevice, StoredTemplate } from '../stored-records';

/** What an export reads, all taken in one synchronous pass (a consistent snapshot). */
export interface ExportSource {
  readonly devices: readonly StoredDevice[];
  readonly templates: readonly StoredTemplate[];
  /** Not deleted. */
  readonly credentials: readonly StoredCredential[];
  /** Whether the vault holds an SSH key for the credential (the key itself goes in `secrets`). */
  readonly hasKey: (credentialId: number) => boolean;
}

export const deviceRef = (id: number): string => `d${id}`;
export const templateRef = (id: number): string => `t${id}`;
export const credentialRef = (id: number): string => `c${id}`;

/**
 * The bundle without its secrets. Every field is copied by name (not spread), so a field added to
 * a record later fails `tsc` here until the bundle carries it, and nothing internal (ids, dates,
 * counts) leaks into the file. Refs to records not exported (a deleted credential chosen in a
 * section the credential does not use) become null: they would point nowhere in the file.
 */
export function buildBundle(source: ExportSource, exportedAt: string): Bundle {
  // A built-in without a key (none should exist) cannot be found again by key: copy it instead.
  const isBuiltIn = (t: StoredTemplate): t is StoredTemplate & { builtInKey: string } =>
    t.builtIn && t.builtInKey !== null;
  const templateIds = new Set(source.templates.map((t) => t.id));
  const credentialIds = new Set(source.credentials.map((c) => c.id));
  const tRef = (id: number | null) => (id !== null && templateIds.has(id) ? templateRef(id) : null);
  const cRef = (id: number | null) => (id !== null && credentialIds.has(id) ? credentialRef(id) : null);

  return {
    format: bundleFormat,
    version: bundleVersion,
    exportedAt,
    devices: source.devices.map((d): BundleDevice => ({
      ref: deviceRef(d.id),
      name: d.name,
      address: d.address,
      type: d.type,
      vendor: d.vendor,
      product: d.product,
      site: d.site,
      tags: d.tags,
      active: d.active,
      connectivity: d.connectivity,
      customFields: bundleFields(d.customFields),
    })),
    templates: source.templates
      .filter((t) => !isBuiltIn(t))
      .map((t): BundleTemplate => ({
        ref: templateRef(t.id),
        name: t.name,
        pluginId: t.pluginId,
        executionType: t.executionType,
        active: t.active,
        description: t.description,
        content: t.content,
      })),
    builtInTemplates: source.templates.filter(isBuiltIn).map((t): BundleBuiltInTemplate => ({
      ref: templateRef(t.id),
      key: t.builtInKey,
      name: t.name,
      pluginId: t.pluginId,
      executionType: t.executionType,
    })),
    credentials: source.credentials.map(({ jit, ...c }): BundleCredential => ({
      ref: credentialRef(c.id),
      deviceRef: deviceRef(c.deviceId),
      username: c.username,
      type: c.type,
      domain: c.domain,
      additionalInfo: c.additionalInfo,
      status: c.status,
      tags: c.tags,
      customFields: bundleFields(c.customFields),
      jit: {
        enabled: jit.enabled,
        type: jit.type,
        useOwnCredential: jit.useOwnCredential,
        enablePluginId: jit.enablePluginId,
        disablePluginId: jit.disablePluginId,
        createPluginId: jit.createPluginId,
        deletePluginId: jit.deletePluginId,
      },
      jitRefs: {
        authCredentialRef: cRef(jit.authCredentialId),
        enableTemplateRef: tRef(jit.enableTemplateId),
        disableTemplateRef: tRef(jit.disableTemplateId),
        createTemplateRef: tRef(jit.createTemplateId),
        deleteTemplateRef: tRef(jit.deleteTemplateId),
      },
      hasKey: source.hasKey(c.id),
    })),
    secrets: null,
  };
}

/**
 * Every custom field by name and kind; a secret field's value is never in the record (it is in
 * the vault, and in the sealed `secrets` when the export includes them), so it is written empty:
 * an export without secrets still names it, for the import to say it was left out.
 */
function bundleFields(fields: readonly CustomField[]): CustomField[] {
  return fields.map((f) => ({ name: f.name, kind: f.kind, value: f.kind === 'secret' ? '' : f.value }));
}
