/**
 * What the Credential dialog (and Details) needs to know about other records: devices for the
 * Device drop-down, templates and plugins for the JIT drop-downs, and every credential in short
 * form for the Authentication credential drop-down and the shared rule checks. Loaded when the
 * dialog opens (fresh each time, so a template made a minute ago is offered), not kept in a store.
 */
import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract';
import type { Failure } from '../../../../shared/result';
import { api } from '../../../api/client';
import { failureText } from '../failure-text';

export interface CredentialLookups {
  devices: MethodOutput<'devices.list'>;
  templates: MethodOutput<'templates.list'>;
  plugins: MethodOutput<'plugins.list'>;
  credentials: MethodOutput<'credentials.options'>;
}

export type LookupsState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; lookups: CredentialLookups };

const failed = (what: string, failure: Failure): LookupsState => ({
  status: 'error',
  message: `Could not load the ${what}: ${failureText(failure)}`,
});

async function loadLookups(): Promise<LookupsState> {
  const [devices, templates, plugins, credentials] = await Promise.all([
    api.call('devices.list', undefined),
    api.call('templates.list', undefined),
    api.call('plugins.list', undefined),
    api.call('credentials.options', undefined),
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

export function useCredentialLookups(): { state: LookupsState; retry: () => void } {
  const [state, setState] = useState<LookupsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    void loadLookups().then((next) => {
      if (current) setState(next);
    });
    return () => {
      current = false;
    };
  }, [attempt]);
  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  return { state, retry };
}
