import type { Credential } from '../../../shared/domain/credential';
import type { Device } from '../../../shared/domain/device';
import type { ConnectionLogin } from '../../plugins/plugin-runtime';
import type { SecretVault } from '../../vault/secret-vault';
import { ServiceError } from '../service-error';
import { vaultRef } from './credential-service';
import { keyVaultRef, openKey } from './private-key';

export interface CredentialLoginsDeps {
  readonly credentials: { get(id: number): Credential };
  readonly devices: { get(id: number): Device };
  readonly vault: Pick<SecretVault, 'has' | 'get' | 'status'>;
}

export interface LoginRequest {
  /**
   * The device the login connects to. A credential logs in only to its own device unless
   * `useOnAnotherDevice` says the administrator confirmed it; omit it where the caller has already
   * restricted the choice (the password change offers the credential and its JIT authentication).
   */
  readonly deviceId?: number;
  readonly useOnAnotherDevice?: boolean;
  /** The form field a refusal points at. */
  readonly field: string;
  /** What the login is for, in the locked-vault message: "to run templates". */
  readonly purpose: string;
}

export interface ResolvedLogin {
  readonly credential: Credential;
  /** With the secret: never logged, never returned to the renderer. */
  readonly login: ConnectionLogin;
  /** `username @ device`. */
  readonly label: string;
  /** The credential belongs to another device (the administrator confirmed it). */
  readonly otherDevice: boolean;
}

/**
 * How to log in as a credential, in one place: every run (Test on a device, the password change,
 * the JIT lifecycle) asks here, so the rules (own device, active, a secret, an unlocked vault) and
 * their messages are the same everywhere.
 */
export class CredentialLogins {
  constructor(private readonly deps: CredentialLoginsDeps) {}

  loginFor(credentialId: number, request: LoginRequest): ResolvedLogin {
    const credential = this.deps.credentials.get(credentialId);
    const label = `${credential.username} @ ${this.deps.devices.get(credential.deviceId).name}`;
    const otherDevice = request.deviceId !== undefined && credential.deviceId !== request.deviceId;
    // A password is tried only where it belongs, unless the administrator said otherwise: a
    // template run as any credential on any device would make every password testable anywhere.
    if (otherDevice && request.useOnAnotherDevice !== true) {
      const target = this.deps.devices.get(request.deviceId ?? credential.deviceId);
      throw new ServiceError(
        'invalid_input',
        `${label} belongs to another device: confirm "use on another device" to log in to ${target.name} with it`,
        request.field,
      );
    }
    if (credential.deleted || credential.status !== 'Active') {
      throw new ServiceError('invalid_input', `${label} is not an active credential`, request.field);
    }
    const ref = vaultRef(credential.id);
    const keyRef = keyVaultRef(credential.id);
    const hasPassword = this.deps.vault.has(ref);
    const hasKey = this.deps.vault.has(keyRef);
    if (!hasPassword && !hasKey) {
      throw new ServiceError(
        'invalid_input',
        `${label} has no password or key to connect with`,
        request.field,
      );
    }
    if (this.deps.vault.status().state !== 'unlocked') {
      throw new ServiceError('locked', `The vault is locked: unlock it ${request.purpose}`);
    }
    // Both when both are stored: SSH tries the key first, and the password stays what sudo and
    // [#AUTH_PASSWORD#] answer with. Plugins without keys (SQL, LDAP) use only the password.
    const key = hasKey ? openKey(this.deps.vault.get(keyRef)) : undefined;
    return {
      credential,
      label,
      otherDevice,
      login: {
        username: credential.username,
        ...(hasPassword ? { password: this.deps.vault.get(ref) } : {}),
        ...(key ? { privateKey: key.privateKey } : {}),
        ...(key && key.passphrase !== '' ? { passphrase: key.passphrase } : {}),
        ...(credential.domain ? { domain: credential.domain } : {}),
        ...(credential.additionalInfo ? { database: credential.additionalInfo } : {}),
      },
    };
  }
}
