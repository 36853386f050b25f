// The hop each terminal takes before any SSH, measured alone, for the terminal bench to print beside
// its ratio: the page reaches the browser host over a WebSocket to another Node process, where bare
// `ssh -tt` is reached over a pipe. What that hop costs is in the JIT terminal's round trip whatever
// the host does, so it says how much of the ratio the browser host's design takes before any of
// its code runs. One byte each way, alternating, as the keystrokes are.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { median, p95 } from './stats';

export interface HopFigures {
  readonly p50: number;
  readonly p95: number;
}

/** A Node process answering each WebSocket message with itself: the host's hop and nothing more. */
const echoServer = `
const { WebSocketServer } = require('ws');
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
wss.on('listening', () => console.log(wss.address().port));
wss.on('connection', (s) => s.on('message', (data, isBinary) => s.send(data, { binary: isBinary })));
`;

/** `rounds` round trips each of a WebSocket echo (another Node process) and a pipe echo (`cat`). */
export async function measureHops(
  rounds: number,
  warmUp = 1000,
): Promise<{ ws: HopFigures; pipe: HopFigures }> {
  const server = spawn(process.execPath, ['-e', echoServer], { stdio: ['ignore', 'pipe', 'inherit'] });
  const cat = spawn('cat', [], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const [portLine] = (await once(server.stdout, 'data')) as [Buffer];
    const socket = new WebSocket(`ws://127.0.0.1:${portLine.toString().trim()}`);
    await once(socket, 'open');
    let answered: () => void = () => undefined;
    socket.on('message', () => answered());
    cat.stdout.on('data', () => answered());
    const byte = Buffer.from('x');
    const sends = { ws: () => socket.send(byte), pipe: () => cat.stdin.write(byte) };
    const roundTrip = (send: () => void) =>
      new Promise<number>((resolve) => {
        const started = performance.now();
        answered = () => resolve(performance.now() - started);
        send();
      });
    const samples = { ws: [] as number[], pipe: [] as number[] };
    for (let i = 0; i < warmUp + rounds; i++) {
      for (const kind of i % 2 === 0 ? (['ws', 'pipe'] as const) : (['pipe', 'ws'] as const)) {
        const ms = await roundTrip(sends[kind]);
        if (i >= warmUp) samples[kind].push(ms);
      }
    }
    socket.terminate();
    const figures = (values: number[]) => ({ p50: median(values), p95: p95(values) });
    return { ws: figures(samples.ws), pipe: figures(samples.pipe) };
  } finally {
    server.kill();
    cat.kill();
  }
}
