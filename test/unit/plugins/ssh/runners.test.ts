/**
 * Where a runner's command starts (runners.ts): past its options, the values they take (the next
 * word, or the rest of a short group's word), and the operands before the command.
 */
import { describe, expect, it } from 'vitest';
import { runnerCommand } from './support/settings-rows';

/** The words from where the runner's command starts, or null where it runs none. */

describe('runnerCommandAt', () => {
  it.each([
    ['flock /tmp/l id -u', 'id -u'],
    ['flock -w 5 /tmp/l id', 'id'],
    ['flock -nw 5 /tmp/l id', 'id'],
    ['flock -w5 /tmp/l id', 'id'],
    ['flock --timeout 5 /tmp/l id', 'id'],
    ['flock --timeout=5 /tmp/l id', 'id'],
    ['/usr/bin/flock /tmp/l id', 'id'],
    ['xargs -n 1 id', 'id'],
    ['xargs -0 -I {} id {}', 'id {}'],
    ['chroot --userspec root:root / id', 'id'],
    ['ssh -p 22 db01 id', 'id'],
    // ssh takes options after its host, but not after its command's first word.
    ['ssh db01 -t id -x', 'id -x'],
    // -p's value is attached: -w is not an option of its own.
    ['ssh -p22 db01 id', 'id'],
    ['ssh -4p 22 db01 id', 'id'],
    ['sshpass -f /root/p ssh db01 id', 'ssh db01 id'],
    ['sshpass -f/root/p ssh db01 id', 'ssh db01 id'],
    ['sg wheel id', 'id'],
    ['pkexec id', 'id'],
    ['pkexec --user app id', 'id'],
    ['pkexec --user=app id', 'id'],
    ['runuser -u app -- id', 'id'],
    ['runuser -u app id', 'id'],
    ['runuser --user app -- id -u', 'id -u'],
    ['runuser --user=app id', 'id'],
    ['runuser -lu app id', 'id'],
    ['runuser -g wheel -u app id', 'id'],
    ['runuser -uapp id', 'id'],
    ['setpriv --reuid 0 --regid 0 --init-groups id', 'id'],
    ['setpriv --reuid=0 id', 'id'],
    ['chpst -u app id', 'id'],
    ['chpst -uapp -/ /srv id', 'id'],
    ['chpst -vP -m 1000 id', 'id'],
    ['unshare -w /tmp id', 'id'],
    ['unshare --mount=/run/ns -r id', 'id'],
    ['unshare --setuid 0 id', 'id'],
    ['nsenter -t 1 -m -u id', 'id'],
    ['nsenter --target=1 -a id', 'id'],
    // getopt_long takes a long option's unambiguous prefix, its value with it.
    ['runuser --us app id', 'id'],
    ['runuser --use=app id', 'id'],
    ['flock --wai 5 /tmp/l id', 'id'],
    ['nsenter --targ 1 id', 'id'],
    ['nsenter -t 1 -W / id', 'id'],
    ['chpst -C /srv -t 30 id', 'id'],
  ])('%s runs %s', (line, command) => {
    expect(runnerCommand(line)).toBe(command);
  });

  it.each([
    // runuser without -u: its operand is a user, whose shell then starts.
    'runuser app',
    'runuser -l app -c id',
    'runuser - app',
    // -s takes a value: `u` is a shell's name, not -u.
    'runuser -su app',
    'flock /tmp/l',
    'pkexec --user app',
    'env id',
  ])('%s runs no command here', (line) => {
    expect(runnerCommand(line)).toBeNull();
  });
});
