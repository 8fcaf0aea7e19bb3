import { Agent, request } from 'node:http';

/**
 * Sends `count` POSTs of `body` with `headers` to `url` from `concurrency` loops over a keep-alive agent
 * of as many sockets, each waiting for its whole answer; answers the milliseconds it took. Throws on any
 * answer but 2xx.
 */
export async function rawKeepAlivePosts(
  url: string,
  body: string,
  headers: Record<string, string>,
  count: number,
  concurrency: number,
): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const postOnce = () =>
    new Promise<void>((resolve, reject) => {
      const sent = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (answer) => {
          answer.resume();
          answer.once('end', () =>
            answer.statusCode !== undefined && answer.statusCode < 300 ? resolve() : reject(new Error(`answered ${answer.statusCode}`)),
          );
        },
      );
      sent.once('error', reject);
      sent.end(body);
    });
  let sentCount = 0;
  const loop = async () => {
    while (sentCount < count) {
      sentCount++;
      await postOnce();
    }
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: concurrency }, loop));
    return performance.now() - started;
  } finally {
    agent.destroy();
  }
}
