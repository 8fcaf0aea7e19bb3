import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Logger } from '../../ports/logger';
import type { AttemptRequest, AttemptResult, WebhookSender } from '../webhookPorts';
import { AttemptTimeoutError, errorClassOfFailure, errorClassOfStatus, ownerMessageOf } from './attemptErrors';
import { bodyExcerpt } from './bodyExcerpt';
import { type HostResolver, pinnedLookup, requireReachable, SsrfRefusedError, systemResolver } from './pinnedLookup';
import { RecentlyUsed } from '../../shared/recentlyUsed';
import { retryAfterMs } from './retryAfter';

export const WEBHOOK_CONNECT_TIMEOUT_MS = 5_000;
/** The longest one attempt takes, answer included: a delivery's lease must outlive it. */
export const WEBHOOK_TOTAL_TIMEOUT_MS = 15_000;
export const RESPONSE_EXCERPT_BYTES = 20 * 1024;

export interface HttpWebhookSenderOptions {
  /** FILORA_WEBHOOK_ALLOW_PRIVATE: endpoints on private, loopback, link-local, CGNAT… addresses may be reached. */
  allowPrivate: boolean;
  /** Resolves host names (default: the system resolver); tests inject one. */
  resolveHost?: HostResolver;
  /** Until the connection, TLS handshake included, is up. Default 5 s. */
  connectTimeoutMs?: number;
  /** Until the answer's excerpt is read. Default 15 s. */
  totalTimeoutMs?: number;
  /** Where a refused or unresolved name's detail goes (the owner is told less); none by default. */
  logger?: Logger;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The answer came, then its body failed (timeout, reset): the attempt still failed. */
  bodyError: unknown;
}

/** A request failed before any answer; `staleSocket` when it went out on a pooled connection the endpoint had closed. */
class NoAnswer extends Error {
  constructor(
    readonly failure: unknown,
    readonly staleSocket: boolean,
  ) {
    super('no answer');
  }
}

const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

function lowerCaseHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * POSTs webhook attempts (WebhookSender). The SSRF guard runs at connect time: the socket's lookup resolves the
 * name, refuses it if any address is not public (unless `allowPrivate`), and connects to the addresses it checked.
 * Redirects are never followed. Connections are kept alive per endpoint, so a busy endpoint reuses them.
 * `send` never throws: every failure is an error class.
 */
export class HttpWebhookSender implements WebhookSender {
  private readonly allowPrivate: boolean;
  private readonly connectTimeoutMs: number;
  private readonly totalTimeoutMs: number;
  private readonly lookup: ReturnType<typeof pinnedLookup>;
  private readonly logger: Logger | null;
  /** Endpoint URLs already parsed and checked: a busy endpoint is not parsed again for every attempt. */
  private readonly targets = new RecentlyUsed<string, URL>(1000);
  private readonly httpAgent = new http.Agent({ keepAlive: true, scheduling: 'lifo' });
  /** One pool for both `verify_ssl` settings: the agent keys its connections by `rejectUnauthorized` too. */
  private readonly httpsAgent = new https.Agent({ keepAlive: true, scheduling: 'lifo' });

  constructor(options: HttpWebhookSenderOptions) {
    this.allowPrivate = options.allowPrivate;
    this.connectTimeoutMs = options.connectTimeoutMs ?? WEBHOOK_CONNECT_TIMEOUT_MS;
    this.totalTimeoutMs = options.totalTimeoutMs ?? WEBHOOK_TOTAL_TIMEOUT_MS;
    this.lookup = pinnedLookup(options.resolveHost ?? systemResolver, options.allowPrivate);
    this.logger = options.logger ?? null;
  }

  async send(request: AttemptRequest): Promise<AttemptResult> {
    const startedAt = performance.now();
    const elapsed = () => Math.round((performance.now() - startedAt) * 10) / 10;
    try {
      const answer = await this.answerTo(request, startedAt + this.totalTimeoutMs);
      const errorClass = answer.bodyError ? errorClassOfFailure(answer.bodyError) : errorClassOfStatus(answer.status);
      return {
        status: answer.status,
        durationMs: elapsed(),
        errorClass,
        errorMessage: answer.bodyError ? messageOf(answer.bodyError) : this.statusMessage(answer),
        responseHeaders: answer.headers,
        responseBody: answer.body,
        retryAfterMs: retryAfterMs(answer.headers['retry-after'], new Date()),
      };
    } catch (error) {
      const cause = error instanceof NoAnswer ? error.failure : error;
      const errorClass = errorClassOfFailure(cause);
      const host = URL.canParse(request.url) ? new URL(request.url).hostname : request.url;
      if (errorClass === 'ssrf_refused' || errorClass === 'dns') this.logRefusal(host, cause);
      return {
        status: null,
        durationMs: elapsed(),
        errorClass,
        errorMessage: ownerMessageOf(cause, host),
        responseHeaders: {},
        responseBody: '',
        retryAfterMs: null,
      };
    }
  }

  /** Closes the pooled connections. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private logRefusal(host: string, cause: unknown): void {
    const detail =
      cause instanceof SsrfRefusedError
        ? { address: cause.address, refusal: cause.refusal }
        : { code: (cause as NodeJS.ErrnoException).code, error: messageOf(cause) };
    this.logger?.warn('webhook endpoint refused: its name did not resolve to an address webhooks may reach', { host, ...detail });
  }

  private statusMessage(answer: Answer): string | null {
    if (answer.status >= 200 && answer.status < 300) return null;
    const location = answer.headers.location;
    if (answer.status >= 300 && answer.status < 400) return `redirect${location ? ` to ${location}` : ''} (not followed)`;
    return `HTTP ${answer.status}`;
  }

  /**
   * One resend when a pooled connection turns out to be closed by the endpoint (it never answered), within the
   * same overall deadline.
   */
  private async answerTo(request: AttemptRequest, deadline: number): Promise<Answer> {
    const target = this.targetOf(request.url);
    try {
      return await this.exchange(target, request, deadline);
    } catch (error) {
      if (error instanceof NoAnswer && error.staleSocket) return this.exchange(target, request, deadline);
      throw error;
    }
  }

  private targetOf(url: string): URL {
    const known = this.targets.get(url);
    if (known) return known;
    const target = URL.canParse(url) ? new URL(url) : null;
    if (!target || (target.protocol !== 'http:' && target.protocol !== 'https:')) throw new Error(`not an http(s) URL: ${url}`);
    // The lookup is skipped for an address written in the URL: check it here.
    const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host)) requireReachable(host, [{ address: host, family: isIP(host) }], this.allowPrivate);
    this.targets.set(url, target);
    return target;
  }

  private exchange(target: URL, request: AttemptRequest, deadline: number): Promise<Answer> {
    const secure = target.protocol === 'https:';
    return new Promise<Answer>((resolve, reject) => {
      let response: IncomingMessage | null = null;
      const outgoing = (secure ? https : http).request(target, {
        method: 'POST',
        agent: secure ? this.httpsAgent : this.httpAgent,
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
        lookup: this.lookup,
        ...(secure ? { rejectUnauthorized: request.verifySsl } : {}),
      });
      const giveUp = (error: Error) => {
        outgoing.destroy(error);
        response?.destroy(error);
      };
      const overall = setTimeout(
        () => giveUp(new AttemptTimeoutError('total', this.totalTimeoutMs)),
        Math.max(0, deadline - performance.now()),
      );
      outgoing.once('socket', (socket) => {
        if (!socket.connecting) return;
        const connecting = setTimeout(() => giveUp(new AttemptTimeoutError('connect', this.connectTimeoutMs)), this.connectTimeoutMs);
        const connected = () => clearTimeout(connecting);
        socket.once(secure ? 'secureConnect' : 'connect', connected);
        socket.once('close', connected);
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        if (response) return; // the body's reader reports it
        clearTimeout(overall);
        reject(new NoAnswer(error, outgoing.reusedSocket && STALE_SOCKET_CODES.has(error.code ?? '')));
      });
      outgoing.once('response', (answer) => {
        response = answer;
        const status = answer.statusCode ?? 0;
        const headers = lowerCaseHeaders(answer.headers);
        bodyExcerpt(answer, RESPONSE_EXCERPT_BYTES)
          .then((body) => resolve({ status, headers, body, bodyError: null }))
          .catch((bodyError: unknown) => resolve({ status, headers, body: '', bodyError }))
          .finally(() => clearTimeout(overall));
      });
      outgoing.end(request.body);
    });
  }
}
