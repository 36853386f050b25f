/**
 * A process for data-dir-lock.test.ts's race: on `lock <dir>` it tries to take the lock of <dir>
 * and answers `won <dir>` or `refused <dir> <message>`; on `release` it releases what it holds.
 * On finding the stale lock it says `stale` and waits for `go`, so that every racer has judged the
 * same stale lock before any of them acts on it: the worst moment for a take-over.
 */
import { readSync } from 'node:fs';
import { lockDataDir, type DataDirLock } from '../../../electron/platform/data-dir-lock';

const held: DataDirLock[] = [];
let buffered = '';

/** Blocking: the lock is taken synchronously, so the wait for `go` must block too. */
function readLine(): string | undefined {
  const chunk = Buffer.alloc(256);
  while (!buffered.includes('\n')) {
    const read = readSync(0, chunk, 0, chunk.length, null);
    if (read === 0) return undefined;
    buffered += chunk.subarray(0, read).toString();
  }
  const end = buffered.indexOf('\n');
  const line = buffered.slice(0, end);
  buffered = buffered.slice(end + 1);
  return line;
}

console.log('ready');
for (let line = readLine(); line !== undefined; line = readLine()) {
  const [command, dir = ''] = line.split(' ');
  if (command === 'lock') {
    let waited = false;
    const onStale = () => {
      if (waited) return;
      waited = true;
      console.log('stale');
      readLine(); // go
    };
    try {
      held.push(lockDataDir(dir, { onStale }));
      console.log(`won ${dir}`);
    } catch (error) {
      console.log(`refused ${dir} ${error instanceof Error ? error.message : String(error)}`);
    }
  } else if (command === 'release') {
    for (const lock of held.splice(0)) lock.release();
    console.log('released');
  }
}
