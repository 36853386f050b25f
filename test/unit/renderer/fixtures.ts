/** Records as the core sends them, for the renderer's model tests; each test overrides what it checks. */
import type { CredentialOption } from '../../../shared/contract/credentials';
import type { Device } from '../../../shared/domain/device';
import type { Operation } from '../../../shared/domain/operation';
import type { Session } from '../../../shared/domain/session';
import type { Template } from '../../../shared/domain/template';

const at = '2026-01-01T00:00:00.000Z';

export function aTemplate(over: Partial<Template> = {}): Template {
  return {
    id: 1,
    name: 'Linux user create',
    pluginId: 'ssh',
    executionType: 'New user',
    active: true,
    description: '',
    content: 'useradd [#USERNAME#]',
    version: 1,
    builtIn: false,
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}

export function aDevice(over: Partial<Device> = {}): Device {
  return {
    id: 1,
    name: 'web-01',
    address: '10.0.0.1',
    type: 'Server',
    vendor: '',
    product: '',
    site: '',
    tags: [],
    active: true,
    connectivity: [],
    customFields: [],
    createdAt: at,
    updatedAt: at,
    credentialCount: 0,
    ...over,
  };
}

export function aLogin(over: Partial<CredentialOption> = {}): CredentialOption {
  return {
    id: 1,
    username: 'root',
    deviceId: 1,
    deviceName: 'web-01',
    status: 'Active',
    hasPassword: true,
    deleted: false,
    ...over,
  };
}

export function anOperation(over: Partial<Operation> = {}): Operation {
  return {
    id: 'op-1',
    kind: 'test',
    status: 'Running',
    pluginId: 'ssh',
    templateId: 1,
    templateName: 'Linux user create',
    templateVersion: 1,
    deviceId: 1,
    deviceLabel: 'web-01',
    account: 'jit_0000001',
    runAs: 'root @ web-01',
    requester: 'admin',
    sessionId: null,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    attempts: [],
    ...over,
  };
}

export function aSession(over: Partial<Session> = {}): Session {
  return {
    id: 'session-1',
    credentialId: 7,
    credentialLabel: 'app @ db-01',
    deviceId: 1,
    jitType: 'create_delete',
    pluginId: 'postgresql',
    account: 'senseg0000001',
    requester: 'admin',
    state: 'requested',
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    expiresAt: '2026-12-01T11:00:00.000Z',
    endedAt: null,
    operationIds: [],
    cleanupAttempts: 0,
    nextAttemptAt: null,
    error: null,
    forceCloseReason: null,
    rollback: false,
    target: null,
    enabledBefore: false,
    notProvenOurs: false,
    ...over,
  };
}
