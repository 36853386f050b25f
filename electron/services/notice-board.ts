import { randomUUID } from 'node:crypto';
import type { Notice } from '../../shared/contract/app';
import type { EventBus } from '../platform/event-bus';
import type { Clock } from '../platform/clock';

/** Things the user must see on screen (a store file set aside, a failed start-up step). */
export class NoticeBoard {
  readonly #notices: Notice[] = [];

  constructor(
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  post(level: Notice['level'], message: string): Notice {
    const notice: Notice = { id: randomUUID(), level, message, at: this.clock.now().toISOString() };
    this.#notices.push(notice);
    this.events.emit('app.notice', notice);
    return notice;
  }

  list(): Notice[] {
    return [...this.#notices];
  }
}
