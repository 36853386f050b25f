import type { operationsMethods } from '../../../shared/contract/operations';
import { fail, ok } from '../../../shared/result';
import type { OperationLog } from '../../operations/operation-log';
import type { TemplateExecutor } from '../../operations/template-executor';
import type { TemplateRunner } from '../../operations/template-runner';
import { toResult } from '../../services/service-error';
import type { DomainHandlers } from '../handler-types';

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
  'operations.testTemplate': (request, ctx) => toResult(() => runner.test(request, ctx.actor)),
  'operations.testRoundTrip': (request, ctx) => toResult(() => runner.roundTrip(request, ctx.actor)),
});
