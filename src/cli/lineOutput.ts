import { once } from 'node:events';

/**
 * Lines to a stream (stdout) at the pace its reader takes them: a write the stream cannot take now waits for
 * 'drain', so output of any length keeps memory flat. A reader that went away (`filora replay | head`: EPIPE)
 * ends the output quietly: `closed` turns true and `signal` aborts, for the producer to stop.
 */
export class LineOutput {
  private readonly controller = new AbortController();

  constructor(private readonly stream: NodeJS.WriteStream = process.stdout) {
    stream.on('error', () => this.controller.abort());
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get closed(): boolean {
    return this.controller.signal.aborted;
  }

  async write(line: string): Promise<void> {
    if (this.closed || this.stream.write(`${line}\n`)) return;
    await once(this.stream, 'drain', { signal: this.controller.signal }).catch(() => undefined);
  }
}
