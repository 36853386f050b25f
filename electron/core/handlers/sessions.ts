import type { sessionsMethods } from '../../../shared/contract/sessions';
import type { SessionLifecycle } from '../../lifecycle/session-lifecycle';
import { toResult } from '../../services/service-error';
import type { DomainHandlers } from '../handler-types';

export const sessionsHandlers = (sessions: SessionLifecycle): DomainHandlers<typeof sessionsMethods> => ({
  'sessions.start': ({ credentialId }, ctx) => toResult(() => sessions.start(credentialId, ctx.actor)),
  'sessions.end': ({ id }, ctx) => toResult(() => sessions.end(id, ctx.actor)),
  'sessions.list': ({ filter, offset, limit }) => toResult(() => sessions.list(filter, offset, limit)),
  'sessions.get': ({ id }) => toResult(() => sessions.get(id)),
  'sessions.forceClose': ({ id, reason }, ctx) => toResult(() => sessions.forceClose(id, reason, ctx.actor)),
});
