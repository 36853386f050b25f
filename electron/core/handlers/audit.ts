import type { auditMethods } from '../../../shared/contract/audit';
import type { AuditLog } from '../../audit/audit-log';
import { toResult } from '../../services/service-error';
import type { DomainHandlers } from '../handler-types';

export const auditHandlers = (audit: AuditLog): DomainHandlers<typeof auditMethods> => ({
  'audit.list': ({ filter, offset, limit }) => toResult(() => audit.list(filter, offset, limit)),
  'audit.exportCsv': ({ filter }) => toResult(() => audit.exportCsv(filter)),
});
