/**
 * What the Credential dialog (and Details) needs to know about other records: devices for the
 * Device drop-down, templates and plugins for the JIT drop-downs, and, in short form, only the
 * credentials this one refers to (its authentication credential) for display and the shared rule
 * checks: never every credential (the Authentication credential control searches the core as the
 * user types, see use-credential-options.ts). Loaded when the dialog opens (fresh each time, so a
 * template made a minute ago is offered), not kept in a store.
 */
import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract';
import type { CredentialOption } from '../../../../shared/contract/credentials';
import type { Credential } from '../../../../shared/domain/credential';
import type { Failure } from '../../../../shared/result';
import { api } from '../../../api/client';
import { failureText } from '../failure-text';

export interface CredentialLookups {
  devices: MethodOutput<'devices.list'>;
  templates: MethodOutput<'templates.list'>;
  plugins: MethodOutput<'plugins.list'>;
  /** The credentials asked for by id (those that exist, deleted ones included). */
  credentials: CredentialOption[];
}

export type LookupsState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; lookups: CredentialLookups };

const failed = (what: string, failure: Failure): LookupsState => ({
  status: 'error',
  message: `Could not load the ${what}: ${failureText(failure)}`,
});

/** The credentials a credential refers to: its authentication credential, when it has one. */
export function referencedCredentialIds(credential: Pick<Credential, 'jit'> | null): number[] {
  const id = credential?.jit.authCredentialId ?? null;
  return id === null ? [] : [id];
}

async function loadCredentials(ids: readonly number[]) {
  if (ids.length === 0) return { ok: true as const, value: [] };
  // `ids` always come back; the one extra match the smallest limit brings is dropped.
  const result = await api.call('credentials.options', { ids: [...ids], limit: 1 });
  if (!result.ok) return result;
  const wanted = new Set(ids);
  return { ok: true as const, value: result.value.rows.filter((c) => wanted.has(c.id)) };
}

async function loadLookups(credentialIds: readonly number[]): Promise<LookupsState> {
  const [devices, templates, plugins, credentials] = await Promise.all([
    api.call('devices.list', undefined),
    api.call('templates.list', undefined),
    api.call('plugins.list', undefined),
    loadCredentials(credentialIds),
  ]);
  if (!devices.ok) return failed('devices', devices);
  if (!templates.ok) return failed('templates', templates);
  if (!plugins.ok) return failed('plugins', plugins);
  if (!credentials.ok) return failed('credentials', credentials);
  return {
    status: 'ready',
    lookups: {
      devices: devices.value,
      templates: templates.value,
      plugins: plugins.value,
      credentials: credentials.value,
    },
  };
}

/**
 * `credentialIds`: the credentials to load in short form (see `referencedCredentialIds`), or
 * undefined while they are not known yet (the credential being edited is still loading): nothing
 * is asked for until they are.
 */
export function useCredentialLookups(credentialIds: readonly number[] | undefined): {
  state: LookupsState;
  retry: () => void;
} {
  const [state, setState] = useState<LookupsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // A key, not the array: callers build a new array on every render.
  const idsKey = credentialIds?.join(',');
  useEffect(() => {
    if (idsKey === undefined) return;
    let current = true;
    const ids = idsKey === '' ? [] : idsKey.split(',').map(Number);
    void loadLookups(ids).then((next) => {
      if (current) setState(next);
    });
    return () => {
      current = false;
    };
  }, [idsKey, attempt]);
  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  return { state, retry };
}
