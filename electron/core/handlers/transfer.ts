import type { transferMethods } from '../../../shared/contract/transfer';
import { toResult } from '../../services/service-error';
import type { TransferService } from '../../services/transfer/transfer-service';
import type { DomainHandlers } from '../handler-types';

/**
 * Thin: the service checks a bundle whole and applies it all or not at all. A refused import is
 * not a failure but an answer (`applied: false` with every problem); failures are a locked vault
 * (export of passwords) or a write that failed and was rolled back.
 */
export const transferHandlers = (transfer: TransferService): DomainHandlers<typeof transferMethods> => ({
  'transfer.export': (input, ctx) => toResult(() => transfer.exportBundle(input, ctx.actor)),
  'transfer.preview': (input, ctx) => toResult(() => transfer.previewBundle(input, ctx.actor)),
  'transfer.import': (input, ctx) => toResult(() => transfer.importBundle(input, ctx.actor)),
});
