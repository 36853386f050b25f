import { MessageChannelMain, type WebContents } from 'electron';
import {
  ipcStreamPortChannel,
  StreamMux,
  type StreamEnd,
  type StreamOpener,
} from '../../shared/contract/streams';

/**
 * Electron's streams: each on its own MessagePort (the same frames as on the browser host's
 * WebSocket), handed to the window with its id; the preload passes the port on to the page.
 * Ports reach only the window they are posted to, so a stream is its window's alone.
 */
export class PortStreams implements StreamOpener {
  readonly #streams = new Map<number, StreamEnd>();
  #nextId = 1;

  constructor(
    private readonly contents: () => WebContents | undefined,
    private readonly maxStreams = 8,
  ) {}

  open(): StreamEnd | undefined {
    const contents = this.contents();
    if (!contents || this.#streams.size >= this.maxStreams) return undefined;
    const { port1, port2 } = new MessageChannelMain();
    const mux = new StreamMux((frame) => port1.postMessage(frame), { firstId: this.#nextId++ });
    const stream = mux.open();
    if (!stream) return undefined;
    port1.on('message', (event) => {
      const data: unknown = event.data;
      if (data instanceof Uint8Array) mux.receive(data);
    });
    // The page closed its port (the window went): the stream goes with it.
    port1.on('close', () => mux.closeAll());
    port1.start();
    this.#streams.set(stream.id, stream);
    stream.onClose(() => this.#streams.delete(stream.id));
    contents.postMessage(ipcStreamPortChannel, { streamId: stream.id }, [port2]);
    return stream;
  }

  get(id: number): StreamEnd | undefined {
    return this.#streams.get(id);
  }

  /** No window to post a port to: a terminal opened now would reach no one. */
  get closed(): boolean {
    return this.contents() === undefined;
  }

  /** The window closed or reloaded: its streams close. */
  closeAll(): void {
    for (const stream of [...this.#streams.values()]) stream.destroy('disconnected');
  }
}
