import type { CustomValues } from '../../shared/domain/custom-fields';
import type { TagValues } from '../plugins/plugin-runtime';
import { withSecretTags } from '../plugins/tag-engine';

export interface TagSources {
  readonly username: string;
  readonly newPassword: string;
  readonly currentPassword: string;
  readonly login: { readonly username: string; readonly password: string; readonly domain: string };
  readonly device: { readonly name: string; readonly address: string };
  readonly additionalInfo: string;
  readonly domain: string;
  readonly expiration: Date;
  readonly sessionId: string;
  readonly requester: string;
  /** The user-defined tags: the custom fields of the credential and of its device. */
  readonly custom?: { readonly credential: CustomValues; readonly device: CustomValues };
}

/**
 * Every built-in tag of shared/domain/template-tags.ts, from the records a run involves, and the
 * user-defined ones from the custom fields: the device's, then the credential's, which win (a
 * field of the credential is the more specific). A secret field's value is marked secret.
 */
export function tagValues(s: TagSources): TagValues {
  const custom: Record<string, string> = {};
  const secret = new Set<string>();
  for (const values of [s.custom?.device, s.custom?.credential]) {
    if (values === undefined) continue;
    for (const [name, value] of Object.entries(values.text)) {
      custom[name] = value;
      secret.delete(name);
    }
    for (const [name, value] of Object.entries(values.secret)) {
      custom[name] = value;
      secret.add(name);
    }
  }
  return withSecretTags({ ...custom, ...builtInValues(s) }, secret);
}

function builtInValues(s: TagSources): TagValues {
  // useradd -e and chage -E take a day; expire the day after the session ends so a session
  // that runs past midnight is not cut short by the target.
  const dayAfter = new Date(s.expiration.getTime() + 24 * 60 * 60 * 1000);
  return {
    USERNAME: s.username,
    NEW_PASSWORD: s.newPassword,
    CURRENT_PASSWORD: s.currentPassword,
    AUTH_USER: s.login.username,
    AUTH_PASSWORD: s.login.password,
    AUTH_DOMAIN: s.login.domain,
    ADD_INFO: s.additionalInfo,
    IP: s.device.address,
    HOSTNAME: s.device.name,
    DOMAIN: s.domain,
    EXPIRATION: s.expiration.toISOString(),
    EXPIRATION_DATE: dayAfter.toISOString().slice(0, 10),
    SESSION_ID: s.sessionId,
    REQUESTER: s.requester,
  };
}
