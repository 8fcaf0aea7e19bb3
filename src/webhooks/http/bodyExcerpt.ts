import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** The bytes as text; a character cut at the end is dropped rather than turned into U+FFFD. */
function textOf(chunks: readonly Buffer[], complete: boolean): string {
  const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
  return complete ? bytes.toString('utf8') : new StringDecoder('utf8').write(bytes);
}

/**
 * The first `limitBytes` of a response body as UTF-8 text. Past the limit the response is destroyed rather than
 * read on: an endpoint's answer can be as big as it likes, the attempt records only its start.
 */
export function bodyExcerpt(response: Readable, limitBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    response.on('data', (chunk: Buffer) => {
      if (received >= limitBytes) return;
      const piece = chunk.subarray(0, limitBytes - received);
      chunks.push(piece);
      received += piece.length;
      if (received < limitBytes) return;
      resolve(textOf(chunks, false));
      response.destroy();
    });
    response.once('end', () => resolve(textOf(chunks, true)));
    response.once('error', reject);
    // Settles nothing after 'end', the limit or an error; otherwise the connection went before the body ended.
    response.once('close', () => reject(new Error('the connection closed before the answer ended')));
  });
}
