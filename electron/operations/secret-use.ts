import type { AuditTrail } from '../audit/audit-trail';
import { ServiceError } from '../services/service-error';

export interface SecretUse {
  readonly actor: string;
  readonly credentialId: number;
  /** `user @ device` of the credential (its own device). */
  readonly credentialLabel: string;
  /** `name (address)` of the device the run logs in to. */
  readonly deviceLabel: string;
  /** The credential belongs to another device: the administrator chose this one explicitly. */
  readonly otherDevice: boolean;
  /** A draft run has no version (and a never-saved one no id). */
  readonly template: { readonly id: number | null; readonly name: string; readonly version: number | null };
}

/**
 * Records a run's use of a credential's password (who, which credential, which device, which
 * template and version) and waits until the entry is on disk. A template can make the target
 * print the password, so each run is a use of it like a reveal: when the entry cannot be
 * written the run does not start. The entry names the credential, never its password.
 */
export async function auditSecretUse(audit: AuditTrail, use: SecretUse): Promise<void> {
  const where = use.otherDevice
    ? `on ${use.deviceLabel}, another device than the credential's (chosen explicitly)`
    : `on ${use.deviceLabel}`;
  try {
    await audit.record({
      actor: use.actor,
      action: 'use_password',
      entity: 'credential',
      entityId: use.credentialId,
      label: use.credentialLabel,
      fields: ['password'],
      detail: `Test on a device: template "${use.template.name}" ${templateText(use.template)} ${where}`,
    });
  } catch {
    throw new ServiceError(
      'unavailable',
      'The run did not start: its use of the password could not be written to the audit log',
    );
  }
}

/** "(id 4) version 2", "(id 4) unsaved draft", "(new) unsaved draft". */
function templateText(template: SecretUse['template']): string {
  const id = template.id === null ? '(new)' : `(id ${template.id})`;
  return template.version === null ? `${id} unsaved draft` : `${id} version ${template.version}`;
}
