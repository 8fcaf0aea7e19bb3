import type { Readable } from 'node:stream';

/**
 * The first `limitBytes` of a response body as UTF-8 text. Past the limit the response is left (and destroyed)
 * rather than read on: an endpoint's answer can be as big as it likes, the attempt records only its start.
 */
export async function bodyExcerpt(response: Readable, limitBytes: number): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let received = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    const piece = chunk.subarray(0, limitBytes - received);
    received += piece.length;
    // A character cut by the limit stays in the decoder and is dropped.
    text += decoder.decode(piece, { stream: true });
    if (received >= limitBytes) return text;
  }
  return text + decoder.decode();
}
