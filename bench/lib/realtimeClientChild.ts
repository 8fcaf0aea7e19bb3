import WebSocket from 'ws';

/**
 * WebSocket clients of /api/v1/realtime in a process of their own, so that neither their CPU nor their
 * memory counts against the server measured by the realtime benchmarks. Driven over IPC (see
 * realtimeClients.ts): `open` connects and authenticates clients in batches, `receipts` answers when each
 * sync_event arrived (wall-clock ms, comparable across processes on one machine), `close` ends them all.
 */

export type ChildCommand = { kind: 'open'; url: string; tokens: string[]; batch: number } | { kind: 'receipts' } | { kind: 'close' };

export type ChildAnswer =
  | { kind: 'opened'; total: number }
  | { kind: 'progress'; opened: number }
  | { kind: 'receipts'; receipts: Array<[eventId: string, atMs: number]> }
  | { kind: 'failed'; error: string };

const sockets: WebSocket[] = [];
let receipts: Array<[string, number]> = [];
const nowMs = () => performance.timeOrigin + performance.now();
const answer = (message: ChildAnswer) => process.send?.(message);

function openOne(url: string, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/realtime`, { perMessageDeflate: false });
    socket.once('error', reject);
    socket.once('close', (code, reason) => reject(new Error(`closed ${code} ${reason.toString()}`)));
    socket.once('open', () => socket.send(JSON.stringify({ type: 'auth', token })));
    socket.on('message', (data) => {
      const text = String(data);
      // Only sync_event messages are timed; the id is read without parsing the whole message.
      if (text.startsWith('{"type":"sync_event"')) {
        const id = /"event_id":"([^"]+)"/.exec(text)?.[1];
        if (id) receipts.push([id, nowMs()]);
      } else if (text.includes('"type":"authenticated"')) {
        socket.removeAllListeners('error');
        socket.removeAllListeners('close');
        socket.on('error', () => undefined);
        resolve(socket);
      }
    });
  });
}

async function open(url: string, tokens: readonly string[], batch: number): Promise<void> {
  for (let start = 0; start < tokens.length; start += batch) {
    sockets.push(...(await Promise.all(tokens.slice(start, start + batch).map((token) => openOne(url, token)))));
    answer({ kind: 'progress', opened: sockets.length });
  }
  answer({ kind: 'opened', total: sockets.length });
}

process.on('message', (command: ChildCommand) => {
  if (command.kind === 'open') {
    open(command.url, command.tokens, command.batch).catch((error: unknown) => answer({ kind: 'failed', error: String(error) }));
  } else if (command.kind === 'receipts') {
    answer({ kind: 'receipts', receipts });
    receipts = [];
  } else {
    for (const socket of sockets) socket.terminate();
    process.exit(0);
  }
});
