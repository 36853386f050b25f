import { describe, expect, it, vi } from 'vitest';
import {
  guarded,
  Interrupted,
  Masker,
  resolveTimeouts,
  RunRecorder,
} from '../../../../electron/plugins/tag-engine';

const never = (): Promise<never> => new Promise<never>(() => undefined);

describe('guarded', () => {
  it('passes the result through', async () => {
    const onInterrupt = vi.fn();
    await expect(guarded(Promise.resolve(4), { timeoutSeconds: 1, what: 'x', onInterrupt })).resolves.toBe(4);
    expect(onInterrupt).not.toHaveBeenCalled();
  });

  it('times out, closes the connection first, and says what it waited for', async () => {
    const onInterrupt = vi.fn();
    const result = guarded(never(), { timeoutSeconds: 0.05, what: 'running line 3', onInterrupt });
    await expect(result).rejects.toMatchObject({
      kind: 'timeout',
      message: 'No answer within 0.05 s while running line 3',
    });
    expect(onInterrupt).toHaveBeenCalledOnce();
  });

  it('cancels on abort', async () => {
    const controller = new AbortController();
    const onInterrupt = vi.fn();
    const result = guarded(never(), {
      signal: controller.signal,
      timeoutSeconds: 60,
      what: 'connecting',
      onInterrupt,
    });
    controller.abort();
    await expect(result).rejects.toBeInstanceOf(Interrupted);
    await expect(result).rejects.toMatchObject({ kind: 'canceled' });
    expect(onInterrupt).toHaveBeenCalledOnce();
  });

  it('cancels at once when the signal is already aborted', async () => {
    const onInterrupt = vi.fn();
    const result = guarded(never(), {
      signal: AbortSignal.abort(),
      timeoutSeconds: 60,
      what: 'x',
      onInterrupt,
    });
    await expect(result).rejects.toMatchObject({ kind: 'canceled' });
    expect(onInterrupt).toHaveBeenCalledOnce();
  });

  it('ignores a late rejection of the interrupted work', async () => {
    let fail: (error: Error) => void = () => undefined;
    const work = new Promise<never>((_resolve, reject) => {
      fail = reject;
    });
    const result = guarded(work, { timeoutSeconds: 0.01, what: 'x', onInterrupt: () => undefined });
    await expect(result).rejects.toMatchObject({ kind: 'timeout' });
    fail(new Error('socket closed'));
  });
});

describe('resolveTimeouts', () => {
  it('defaults to 10 s to connect and 30 s to read, and ignores nonsense', () => {
    expect(resolveTimeouts(undefined)).toEqual({ connectSeconds: 10, readSeconds: 30 });
    expect(resolveTimeouts({ connectSeconds: 2, readSeconds: -1 })).toEqual({
      connectSeconds: 2,
      readSeconds: 30,
    });
    expect(resolveTimeouts({ readSeconds: Number.NaN })).toEqual({ connectSeconds: 10, readSeconds: 30 });
  });
});

describe('RunRecorder', () => {
  it('masks every step and failure text, and tells the live listener', () => {
    const seen: string[] = [];
    const recorder = new RunRecorder(new Masker(['hunter2']), (step) => seen.push(step.command));
    recorder.step(2, "ALTER ROLE x PASSWORD 'hunter2'", 'ok hunter2', true, 1.4);
    const result = recorder.fail('target', 2, 'failed near hunter2');
    expect(result.steps).toEqual([
      { line: 2, command: "ALTER ROLE x PASSWORD '******'", output: 'ok ******', ok: true, durationMs: 1 },
    ]);
    expect(result.failure).toEqual({
      kind: 'target',
      line: 2,
      message: 'failed near ******',
      outputTail: 'ok ******',
    });
    expect(seen).toEqual(["ALTER ROLE x PASSWORD '******'"]);
  });

  it('keeps running when the live listener throws', () => {
    const recorder = new RunRecorder(new Masker([]), () => {
      throw new Error('listener broke');
    });
    recorder.step(1, 'x', '', true, 0);
    expect(recorder.succeed()).toMatchObject({ ok: true, failure: null });
  });
});
