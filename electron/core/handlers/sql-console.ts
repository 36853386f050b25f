import type { sqlConsoleMethods } from '../../../shared/contract/sql-console';
import type { SqlConsoleService } from '../../sessions/sql-console';
import { toResult } from '../../services/service-error';
import type { DomainHandlers } from '../handler-types';

export const sqlConsoleHandlers = (
  consoles: SqlConsoleService,
): DomainHandlers<typeof sqlConsoleMethods> => ({
  'sqlConsole.run': ({ sessionId, sql, runId }, ctx) =>
    toResult(() => consoles.run(sessionId, sql, ctx, runId)),
  'sqlConsole.cancel': ({ sessionId, runId }, ctx) => toResult(() => consoles.cancel(sessionId, ctx, runId)),
  'sqlConsole.transcript': ({ sessionId }) => toResult(() => consoles.transcript(sessionId)),
});
