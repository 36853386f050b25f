/** A PostgreSQL connection keeps a bounded number of notices (electron/plugins/postgresql/notices.ts). */
import { expect, it } from 'vitest';
import { NoticeBuffer, noticeLimit, noticeTextLimit } from '../../../../electron/plugins/postgresql/notices';

it('keeps the latest 100 notices, each cut to 4 KiB, says how many were dropped, and empties on take', () => {
  const notices = new NoticeBuffer();
  for (let i = 0; i < 100_000; i++) notices.push(`n${i}`);
  notices.push('x'.repeat(noticeTextLimit * 10));
  expect(notices.size).toBe(noticeLimit);
  const taken = notices.take();
  expect(taken[0]).toBe(`(${100_001 - noticeLimit} earlier notices not kept)`);
  expect(taken[1]).toBe(`n${100_000 - noticeLimit + 1}`);
  expect(taken.at(-1)).toHaveLength(noticeTextLimit + 1);
  expect(taken).toHaveLength(noticeLimit + 1);
  expect(notices.take()).toEqual([]);
});
