// The stdio writer: each message's JSON goes out as the parts the encoder made it of (the kept bytes
// of unchanged diagnostics and outline stages, and the bytes between them, keptJsonEncoder.ts),
// written a run of parts at a time into the stream, never copied into one buffer first. At 100k lines an
// outline is 11 MB of JSON and a publish 2.6 MB: vscode-jsonrpc's writer takes one buffer per
// message, and those copies, freed only by a later GC, took the server's C heap from 17 to 54 MB
// over five outlines in bench/rss.mjs (15 to 31 MB written in runs of parts: peak 237 -> 206 MB);
// run.mjs --quick 100k peak 226, 228 -> 220, 215 MB, open and edit CPU the same (load 7-11;
// bench/README.md, "Memory").
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

/** Encodes a message as parts: their bytes, in order, are the message's JSON. */
export type PartsEncoder = (msg: Message) => readonly Uint8Array[];

/** Bytes joined into one write at most (a larger part is written alone). */
const BATCH = 64 * 1024;

export class PartsMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private queue: Promise<void> = Promise.resolve();
  private errorCount = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly encode: PartsEncoder,
  ) {
    super();
    stream.on('error', (error: unknown) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  /** Messages go out in the order written, each whole before the next begins. */
  write(msg: Message): Promise<void> {
    const done = this.queue.then(() => this.writeNow(msg));
    this.queue = done.catch(() => undefined);
    return done;
  }

  private async writeNow(msg: Message): Promise<void> {
    let parts: readonly Uint8Array[];
    try {
      parts = this.encode(msg);
    } catch (error) {
      this.fireError(error);
      throw error;
    }
    const length = parts.reduce((n, p) => n + p.byteLength, 0);
    try {
      // Small parts (a diagnostic's few hundred bytes, a stage's few KB) are joined into runs of up
      // to BATCH bytes, each written once the one before has gone: one write per part cost a
      // 100k-line edit's publish (6,400 parts) about 9 ms more CPU (run.mjs, one run); a part of
      // BATCH bytes or more is written as it is.
      let batch: Uint8Array[] = [Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'ascii')];
      let size = batch[0].byteLength;
      for (const part of parts) {
        if (size > 0 && size + part.byteLength > BATCH) {
          await this.writeOut(batch, size);
          batch = [];
          size = 0;
        }
        batch.push(part);
        size += part.byteLength;
      }
      await this.writeOut(batch, size);
    } catch (error) {
      this.errorCount++;
      this.fireError(error, msg, this.errorCount);
      throw error;
    }
  }

  private writeOut(batch: Uint8Array[], size: number): Promise<void> {
    const data = batch.length === 1 ? batch[0] : Buffer.concat(batch, size);
    return new Promise((resolve, reject) => this.stream.write(data, (error?: Error | null) => (error ? reject(error) : resolve())));
  }

  end(): void {
    this.stream.end();
  }
}
