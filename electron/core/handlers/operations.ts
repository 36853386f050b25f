import type { operationsMethods } from '../../../shared/contract/operations';
import { fail, ok } from '../../../shared/result';
import type { OperationLog } from '../../operations/operation-log';
import type { TemplateExecutor } from '../../operations/template-executor';
import type { TemplateRunner } from '../../operations/template-runner';
import { toResult } from '../../services/service-error';
import type { Operation } from '../../../shared/domain/operation';
import type { CallContext, DomainHandlers } from '../handler-types';

export const operationsHandlers = (
  log: OperationLog,
  runner: TemplateRunner,
  executor: TemplateExecutor,
): DomainHandlers<typeof operationsMethods> => ({
  'operations.list': ({ filter, offset, limit }) => Promise.resolve(ok(log.list(filter, offset, limit))),
  'operations.get': ({ id }) => {
    const op = log.get(id);
    return Promise.resolve(op ? ok(op) : fail('not_found', 'No such operation'));
  },
  'operations.cancel': ({ id }) => {
    const op = log.get(id);
    if (!op) return Promise.resolve(fail('not_found', 'No such operation'));
    if (!executor.cancel(id))
      return Promise.resolve(fail('conflict', `The operation is ${op.status}, not running`));
    return Promise.resolve(ok(op));
  },
  'operations.testTemplate': (request, ctx) =>
    toResult(() => runner.test(request, ctx.actor, progressFor(request.runId, ctx))),
  'operations.testRoundTrip': (request, ctx) =>
    toResult(() => runner.roundTrip(request, ctx.actor, progressFor(request.runId, ctx))),
});

/**
 * A test's live steps go to the caller that asked for it, tagged with the run id it chose, and to
 * no other window (which sees the run in its Operations list, as every run).
 */
function progressFor(
  runId: string | undefined,
  ctx: CallContext,
): ((operation: Operation) => void) | undefined {
  const notify = ctx.notify;
  if (runId === undefined || notify === undefined) return undefined;
  return (operation) => notify('operations.testProgress', { runId, operation });
}
