import { request } from 'node:http';

/**
 * Sends a whole request, then drops the connection once `started` resolves (the server has begun to run it):
 * a client whose request timed out. The server still runs it to its end. A fast server may answer first: the
 * answer is then dropped unread, as a client that had already given up would, so the client never learns it.
 */
export function sendAndHangUp(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | Buffer,
  started: () => Promise<unknown>,
): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } });
    req.on('error', () => resolve());
    req.on('response', (response) => {
      response.destroy();
      req.destroy();
      resolve();
    });
    req.end(body, () => {
      void started().then(() => {
        req.destroy();
        resolve();
      }, reject);
    });
  });
}

/** A request whose body is sent in two parts, the second only when asked: a slow upload held inside its handler. */
export function slowUpload(url: string, method: string, path: string, headers: Record<string, string>, first: Buffer, rest: Buffer) {
  const { hostname, port } = new URL(url);
  const req = request({ hostname, port, path, method, headers: { ...headers, 'content-length': String(first.length + rest.length) } });
  const answered = new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
  });
  req.write(first);
  return { answered, finish: () => req.end(rest) };
}
