import type { sessionsMethods } from '../../../shared/contract/sessions';
import type { SessionLifecycle } from '../../lifecycle/session-lifecycle';
import type { SessionPresence } from '../../sessions/session-presence';
import { ServiceError, toResult } from '../../services/service-error';
import type { DomainHandlers } from '../handler-types';

export const sessionsHandlers = (
  sessions: SessionLifecycle,
  presence: SessionPresence,
): DomainHandlers<typeof sessionsMethods> => ({
  'sessions.start': ({ credentialId, pluginId }, ctx) =>
    toResult(() => sessions.start(credentialId, ctx.actor, pluginId)),
  // Answers once the cleanup is recorded (or with Ending after a bound): the caller shows what is true.
  'sessions.end': ({ id }, ctx) => toResult(() => sessions.endAwaited(id, ctx.actor)),
  'sessions.list': ({ filter, offset, limit }) => toResult(() => sessions.list(filter, offset, limit)),
  'sessions.get': ({ id }) => toResult(() => sessions.get(id)),
  'sessions.forceClose': ({ id, reason }, ctx) => toResult(() => sessions.forceClose(id, reason, ctx.actor)),
  'sessions.attach': ({ id }, ctx) =>
    toResult(() => {
      // Only a caller with a connection has a view (internal calls have no streams).
      const stream = ctx.streams?.open();
      if (!stream) throw new ServiceError('unavailable', 'No stream can be opened on this connection');
      presence.attach(id, stream);
      return { streamId: stream.id };
    }),
});
