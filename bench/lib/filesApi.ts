import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface UploadedFile {
  id: string;
  /** X-Filora-Position of the upload, for reading it back at once. */
  position: string | null;
}

async function readText(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function header(response: IncomingMessage, name: string): string | null {
  const value = response.headers[name];
  return typeof value === 'string' ? value : null;
}

/**
 * POST /api/v1/files as multipart/form-data, the content streamed from `content` (never held whole).
 * The size is known, so the request carries a Content-Length as a browser's or curl's would.
 */
export async function uploadFile(
  baseUrl: string,
  token: string,
  file: { name: string; size: number; content: Iterable<Buffer> | AsyncIterable<Buffer> },
): Promise<UploadedFile> {
  const boundary = `filora-bench-${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\n${file.name}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  async function* body(): AsyncGenerator<Buffer> {
    yield head;
    yield* file.content;
    yield tail;
  }

  const req = request(`${baseUrl}/api/v1/files`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + file.size + tail.length),
    },
  });
  const responded = new Promise<IncomingMessage>((resolve, reject) => {
    req.once('response', resolve);
    req.once('error', reject);
  });
  // A server that answers early (413, 400) may close the socket mid-body; its answer is what matters then.
  const sent = pipeline(Readable.from(body(), { objectMode: false }), req).then(
    () => null,
    (error: Error) => error,
  );
  const response = await responded;
  const text = await readText(response);
  if (response.statusCode !== 201) {
    req.destroy();
    throw new Error(`upload of ${file.name} answered ${response.statusCode}: ${text.slice(0, 500)}`);
  }
  const sendError = await sent;
  if (sendError) throw sendError;
  const { id } = JSON.parse(text) as { id?: unknown };
  if (typeof id !== 'string') throw new Error(`upload of ${file.name} answered without an id: ${text.slice(0, 500)}`);
  return { id, position: header(response, 'x-filora-position') };
}

/** GET /api/v1/files/:id/download, counting the bytes and dropping them; throws unless all `expectedSize` bytes arrive. */
export async function downloadFile(
  baseUrl: string,
  token: string,
  file: UploadedFile,
  expectedSize: number,
  onProgress?: (done: number) => void,
): Promise<void> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (file.position) headers['x-filora-min-position'] = file.position;
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    request(`${baseUrl}/api/v1/files/${file.id}/download`, { headers }).once('response', resolve).once('error', reject).end();
  });
  if (response.statusCode !== 200)
    throw new Error(`download of ${file.id} answered ${response.statusCode}: ${(await readText(response)).slice(0, 500)}`);
  const length = Number(header(response, 'content-length'));
  if (length !== expectedSize) throw new Error(`download of ${file.id} announced Content-Length ${length}, expected ${expectedSize}`);
  let received = 0;
  for await (const chunk of response) {
    received += (chunk as Buffer).length;
    onProgress?.(received);
  }
  if (received !== expectedSize) throw new Error(`download of ${file.id} delivered ${received} bytes, expected ${expectedSize}`);
}

/** PATCH /api/v1/files/:id with a new name; throws unless it answers 200. */
export async function renameFile(baseUrl: string, token: string, fileId: string, name: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/files/${fileId}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`rename of ${fileId} answered ${response.status}: ${text.slice(0, 500)}`);
}
