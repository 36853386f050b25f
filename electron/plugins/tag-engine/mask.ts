import type { ConnectionLogin, TagValues } from '../../../shared/plugins/plugin-runtime';
import { isSecretTag } from './tags';

export const MASK = '******';

/**
 * Replaces every secret (and every escaped form of it a plugin adds) with `******`. Longest first,
 * so a secret that contains another is masked whole.
 */
export class Masker {
  private readonly secrets: string[];

  constructor(secrets: Iterable<string>) {
    this.secrets = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  }

  mask(text: string): string {
    let masked = text;
    for (const secret of this.secrets) masked = masked.split(secret).join(MASK);
    return masked;
  }

  /** A masker that also hides `forms(secret)` of each secret, e.g. its SQL-escaped spelling. */
  withForms(forms: (secret: string) => readonly string[]): Masker {
    return new Masker([...this.secrets, ...this.secrets.flatMap((s) => forms(s))]);
  }
}

/** The values of secret tags and the login's password and key. */
export function runSecrets(tags: TagValues, login?: ConnectionLogin): string[] {
  const fromTags = Object.entries(tags).flatMap(([name, value]) => (isSecretTag(name) ? [value] : []));
  const fromLogin = [login?.password, login?.privateKey].filter((s): s is string => s !== undefined);
  return [...fromTags, ...fromLogin];
}
