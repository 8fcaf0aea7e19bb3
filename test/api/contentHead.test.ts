import { Readable } from 'node:stream';
import { HEAD_BYTES, peekHead } from '../../src/api/files/contentHead';

const CHUNK = 1000;

/** A lazy stream of `count` chunks, each filled with its index; `produced` counts what it handed out. */
function chunks(count: number) {
  const tally = { produced: 0 };
  const stream = Readable.from(
    (function* () {
      for (let index = 0; index < count; index++) {
        tally.produced += CHUNK;
        yield Buffer.alloc(CHUNK, index % 256);
      }
    })(),
    { objectMode: false },
  );
  return { stream, tally };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe('peekHead', () => {
  it('gives the first bytes and then the whole content, reading little more than the head before it is consumed', async () => {
    const { stream, tally } = chunks(5000);
    const { head, content } = await peekHead(stream);
    expect(head).toEqual(Buffer.concat([0, 1, 2, 3, 4].map((index) => Buffer.alloc(CHUNK, index))).subarray(0, HEAD_BYTES));
    expect(tally.produced).toBeLessThan(HEAD_BYTES + 64 * 1024);
    const all = await readAll(content);
    expect(all.length).toBe(5000 * CHUNK);
    expect([all[0], all[CHUNK * 4100 - 1], all[all.length - 1]]).toEqual([0, 4099 % 256, 4999 % 256]);
  });

  it('gives all of a content shorter than the head, and nothing of an empty one', async () => {
    const short = await peekHead(chunks(2).stream);
    expect(short.head.length).toBe(2 * CHUNK);
    expect(await readAll(short.content)).toEqual(short.head);
    const empty = await peekHead(chunks(0).stream);
    expect(empty.head.length).toBe(0);
    expect((await readAll(empty.content)).length).toBe(0);
  });

  it('fails with the stream when it fails before the head', async () => {
    const failing = new Readable({ read() {} });
    const peeked = peekHead(failing);
    failing.push(Buffer.alloc(10));
    failing.destroy(new Error('client went away'));
    await expect(peeked).rejects.toThrow('client went away');
  });
});
