import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request the receiver got, in arrival order (`index` from 0). */
export interface ReceivedRequest {
  index: number;
  method: string;
  /** The path with its query string, as sent. */
  path: string;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: string;
  /** Date.now() when the whole body had arrived. */
  receivedAt: number;
}

/** What the receiver answers one request. */
export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering (a slow endpoint, or a request still in flight when its sender dies). */
  delayMs?: number;
}

/** Decides the answer of a request that no queued answer is waiting for. */
export type Responder = (request: ReceivedRequest) => ScriptedAnswer;

const OK: ScriptedAnswer = { status: 200, body: 'ok' };
const DEFAULT_WAIT_MS = 20_000;

/**
 * A real local HTTP endpoint for webhook tests: records every request and answers what the test scripted.
 * Answers are taken, in order: the next one queued for the request's path, the next one queued for any path,
 * then the responder (200 "ok" unless set).
 */
export class WebhookReceiver {
  private readonly received: ReceivedRequest[] = [];
  private readonly queuedForPath = new Map<string, ScriptedAnswer[]>();
  private readonly queuedForAny: ScriptedAnswer[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly pendingTimers = new Set<NodeJS.Timeout>();
  private readonly arrivalListeners = new Set<() => void>();
  private responder: Responder = () => OK;

  private constructor(
    private readonly server: Server,
    /** e.g. http://127.0.0.1:40123 */
    readonly url: string,
  ) {}

  /** Listens on 127.0.0.1 on a free port. */
  static async start(responder?: Responder): Promise<WebhookReceiver> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}`);
    if (responder) receiver.respondWith(responder);
    server.on('connection', (socket: Socket) => {
      receiver.sockets.add(socket);
      socket.once('close', () => receiver.sockets.delete(socket));
    });
    server.on('request', (request: IncomingMessage, response: ServerResponse) => receiver.handle(request, response));
    return receiver;
  }

  /** The URL of a path on this receiver, e.g. urlFor('/hooks/a'). */
  urlFor(path: string): string {
    return `${this.url}${path.startsWith('/') ? path : `/${path}`}`;
  }

  /** Every request so far, oldest first; with a path, only those to it (query string ignored). */
  requests(path?: string): ReceivedRequest[] {
    return path === undefined ? [...this.received] : this.received.filter((request) => pathOnly(request.path) === pathOnly(path));
  }

  /** Sets the answer for requests no queued answer is waiting for. */
  respondWith(responder: Responder): void {
    this.responder = responder;
  }

  /** Queues answers for the next requests, to `path` only when given. */
  queue(answers: readonly ScriptedAnswer[], path?: string): void {
    if (path === undefined) {
      this.queuedForAny.push(...answers);
      return;
    }
    const key = pathOnly(path);
    this.queuedForPath.set(key, [...(this.queuedForPath.get(key) ?? []), ...answers]);
  }

  /** Resolves with the requests once `count` of them (to `path`, when given) have arrived; rejects after `timeoutMs`. */
  async waitForRequests(count: number, options: { path?: string; timeoutMs?: number } = {}): Promise<ReceivedRequest[]> {
    const matching = () => this.requests(options.path);
    await this.waitUntil(
      () => matching().length >= count,
      options.timeoutMs,
      () => `${count} requests (got ${matching().length})`,
    );
    return matching();
  }

  /** Resolves with the first request that satisfies `predicate`; rejects after `timeoutMs`. */
  async waitForRequest(predicate: (request: ReceivedRequest) => boolean, timeoutMs?: number): Promise<ReceivedRequest> {
    let found: ReceivedRequest | undefined;
    await this.waitUntil(
      () => (found = this.received.find(predicate)) !== undefined,
      timeoutMs,
      () => `a matching request among ${this.received.length}`,
    );
    return found as ReceivedRequest;
  }

  /** Stops listening, drops open connections (keep-alive or held by a delay) and unanswered delays. */
  async close(): Promise<void> {
    for (const timer of this.pendingTimers) clearTimeout(timer);
    this.pendingTimers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received: ReceivedRequest = {
        index: this.received.length,
        method: request.method ?? '',
        path: request.url ?? '/',
        headers: headersOf(request),
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      };
      this.received.push(received);
      const answer = this.answerFor(received);
      for (const listener of [...this.arrivalListeners]) listener();
      if (!answer.delayMs) return answerRequest(response, answer);
      const timer = setTimeout(() => {
        this.pendingTimers.delete(timer);
        answerRequest(response, answer);
      }, answer.delayMs);
      this.pendingTimers.add(timer);
    });
  }

  private answerFor(request: ReceivedRequest): ScriptedAnswer {
    const forPath = this.queuedForPath.get(pathOnly(request.path));
    return forPath?.shift() ?? this.queuedForAny.shift() ?? this.responder(request);
  }

  private waitUntil(done: () => boolean, timeoutMs = DEFAULT_WAIT_MS, describe: () => string): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const listener = () => {
        if (!done()) return;
        settle();
        resolve();
      };
      const timer = setTimeout(() => {
        settle();
        reject(new Error(`webhook receiver: waited ${timeoutMs} ms for ${describe()}`));
      }, timeoutMs);
      const settle = () => {
        clearTimeout(timer);
        this.arrivalListeners.delete(listener);
      };
      this.arrivalListeners.add(listener);
    });
  }
}

function pathOnly(path: string): string {
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function answerRequest(response: ServerResponse, answer: ScriptedAnswer): void {
  if (response.destroyed) return;
  response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
  response.end(answer.body ?? '');
}
