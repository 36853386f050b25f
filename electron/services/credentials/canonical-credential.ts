import type { CredentialJit } from '../../../shared/domain/credential';
import type { StoredCredential } from '../stored-records';

/**
 * A copy of a credential with its keys in one fixed order. Objects that come out of zod get their
 * keys in the order the input had them, so 10,000 rows end up with many hidden classes and every
 * property read over the whole list (filter, options, export) goes megamorphic in V8: measured
 * about 20 times slower. One literal, one shape. A new schema field fails `tsc` here until added.
 */
export function canonicalCredential(c: StoredCredential): StoredCredential {
  return {
    id: c.id,
    username: c.username,
    type: c.type,
    deviceId: c.deviceId,
    domain: c.domain,
    additionalInfo: c.additionalInfo,
    status: c.status,
    tags: c.tags,
    jit: canonicalJit(c.jit),
    customFields: c.customFields,
    deleted: c.deleted,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    lastUsedAt: c.lastUsedAt,
  };
}

function canonicalJit(j: CredentialJit): CredentialJit {
  return {
    enabled: j.enabled,
    type: j.type,
    useOwnCredential: j.useOwnCredential,
    authCredentialId: j.authCredentialId,
    enablePluginId: j.enablePluginId,
    enableTemplateId: j.enableTemplateId,
    disablePluginId: j.disablePluginId,
    disableTemplateId: j.disableTemplateId,
    createPluginId: j.createPluginId,
    createTemplateId: j.createTemplateId,
    deletePluginId: j.deletePluginId,
    deleteTemplateId: j.deleteTemplateId,
  };
}
