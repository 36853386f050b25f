import type { terminalMethods } from '../../../shared/contract/terminal';
import type { SshTerminals } from '../../sessions/ssh-terminal';
import { toResult } from '../../services/service-error';
import type { DomainHandlers } from '../handler-types';

export const terminalHandlers = (terminals: SshTerminals): DomainHandlers<typeof terminalMethods> => ({
  'terminal.open': ({ sessionId, size }, ctx) =>
    toResult(async () => ({ streamId: await terminals.open(sessionId, size, ctx) })),
  'terminal.resize': ({ streamId, size }, ctx) =>
    toResult(() => {
      terminals.resize(streamId, size, ctx.streams);
      return {};
    }),
  'terminal.transcript': ({ sessionId, offset }) => toResult(() => terminals.transcript(sessionId, offset)),
});
