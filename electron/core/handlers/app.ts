import type { appMethods, AppInfo } from '../../../shared/contract/app';
import { ok } from '../../../shared/result';
import type { NoticeBoard } from '../../services/notice-board';
import type { DomainHandlers } from '../handler-types';

export const appHandlers = (
  info: Omit<AppInfo, 'notices'>,
  notices: NoticeBoard,
): DomainHandlers<typeof appMethods> => ({
  'app.info': () => Promise.resolve(ok({ ...info, notices: notices.list() })),
});
