import { Readable } from 'node:stream';

/** Enough of the content to recognise its format by its magic bytes (file-type's own sample size). */
export const HEAD_BYTES = 4100;

export interface PeekedContent {
  /** The first bytes of the content: all of it when it is shorter than asked for. */
  head: Buffer;
  /** The whole content, the head included, still to be read. */
  content: Readable;
}

/**
 * Reads the first `size` bytes of a stream without consuming it: what was read is put back in front, so
 * the whole content still streams on from `content` and only the head is ever held in memory. Rejects
 * when the stream fails (or is destroyed) before the head is read.
 */
export function peekHead(source: Readable, size = HEAD_BYTES): Promise<PeekedContent> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;

    const stop = () => {
      source.off('readable', onReadable);
      source.off('end', onEnd);
      source.off('error', onError);
      source.off('close', onClose);
    };
    const onReadable = () => {
      let chunk: Buffer | null;
      while (length < size && (chunk = source.read() as Buffer | null) !== null) {
        chunks.push(chunk);
        length += chunk.length;
      }
      if (length < size) return;
      stop();
      const read = Buffer.concat(chunks, length);
      source.unshift(read);
      resolve({ head: read.subarray(0, size), content: source });
    };
    // Shorter than the head: it is all read already, and a stream past its end cannot take it back.
    const onEnd = () => {
      stop();
      const all = Buffer.concat(chunks, length);
      resolve({ head: all, content: Readable.from([all], { objectMode: false }) });
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onClose = () => onError(new Error('the content stream closed before its end'));

    source.on('readable', onReadable);
    source.once('end', onEnd);
    source.once('error', onError);
    source.once('close', onClose);
  });
}
