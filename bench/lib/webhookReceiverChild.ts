import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A webhook endpoint in a process of its own, so its CPU counts against neither Filora nor the raw-POST
 * baseline: keeps connections alive, answers every POST 200 at once, and records when each arrived (wall-clock
 * ms, comparable across processes on one machine) with its webhook-id and a `mark` taken from the body (the
 * `description` a file.updated carries, or the baseline's own). Driven over IPC by webhookReceivers.ts.
 */

export type ReceiverCommand = { kind: 'receipts' } | { kind: 'close' };
export type ReceiverAnswer =
  { kind: 'listening'; url: string } | { kind: 'receipts'; receipts: Array<[messageId: string, mark: string, atMs: number]> };

let receipts: Array<[string, string, number]> = [];
const nowMs = () => performance.timeOrigin + performance.now();
const answer = (message: ReceiverAnswer) => process.send?.(message);

const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const mark = /"description":"([^"]*)"/.exec(body)?.[1] ?? '';
    receipts.push([String(req.headers['webhook-id'] ?? ''), mark, nowMs()]);
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' }).end('ok');
  });
});

server.listen(0, '127.0.0.1', () => answer({ kind: 'listening', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));

process.on('message', (command: ReceiverCommand) => {
  if (command.kind === 'receipts') {
    answer({ kind: 'receipts', receipts });
    receipts = [];
  } else {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
