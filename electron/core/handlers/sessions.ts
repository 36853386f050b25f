import type { sessionsMethods } from '../../../shared/contract/sessions';
import type { SessionLifecycle } from '../../lifecycle/session-lifecycle';
import { toResult } from '../../services/service-error';
import type { DomainHandlers } from '../handler-types';

export const sessionsHandlers = (sessions: SessionLifecycle): DomainHandlers<typeof sessionsMethods> => ({
  'sessions.start': ({ credentialId, pluginId }, ctx) =>
    toResult(() => sessions.start(credentialId, ctx.actor, pluginId)),
  // Answers once the cleanup is recorded (or with Ending after a bound): the caller shows what is true.
  'sessions.end': ({ id }, ctx) => toResult(() => sessions.endAwaited(id, ctx.actor)),
  'sessions.list': ({ filter, offset, limit }) => toResult(() => sessions.list(filter, offset, limit)),
  'sessions.get': ({ id }) => toResult(() => sessions.get(id)),
  'sessions.forceClose': ({ id, reason }, ctx) => toResult(() => sessions.forceClose(id, reason, ctx.actor)),
});
