import { freshAccessToken, refreshSession } from './client';
import { sessionStore } from './session';

/** One event of the signed-in user's sync feed, as the realtime feed sends it. */
export interface FeedItem {
  event_id: string;
  /** The public name: `upload.completed`, `file.updated`, `share.created`, … */
  type: string;
  user_id: string | null;
  timestamp: string;
  /** The event's published data, camelCase (`fileId`, `folderId`, `previousFolderId`, `parentId`, …), unlike webhook payloads. */
  payload: Record<string, unknown>;
  cursor: string;
}

export type LiveState = 'offline' | 'connecting' | 'live';
type ItemListener = (item: FeedItem) => void;
type StateListener = (state: LiveState) => void;

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 15_000;

/**
 * The console's one WebSocket to /api/v1/realtime, shared by every list on screen. It follows the user's
 * feed, resumes after the last cursor it saw when it reconnects (so nothing is missed), and stops when the
 * user signs out.
 */
class LiveFeed {
  private socket: WebSocket | null = null;
  private cursor: string | null = null;
  private state: LiveState = 'offline';
  private retryDelay = RECONNECT_MIN_MS;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly itemListeners = new Set<ItemListener>();
  private readonly stateListeners = new Set<StateListener>();

  constructor() {
    sessionStore.subscribe((session) => {
      if (session === null) this.stop();
      else if (this.itemListeners.size > 0 && this.state === 'offline') void this.connect();
    });
  }

  onItem(listener: ItemListener): () => void {
    this.itemListeners.add(listener);
    if (this.state === 'offline' && this.retryTimer === null) void this.connect();
    return () => {
      this.itemListeners.delete(listener);
      if (this.itemListeners.size === 0) this.stop();
    };
  }

  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  private setState(state: LiveState): void {
    this.state = state;
    this.stateListeners.forEach((listener) => listener(state));
  }

  private async connect(): Promise<void> {
    this.setState('connecting');
    const token = await freshAccessToken();
    if (token === null || this.itemListeners.size === 0) return this.setState('offline');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/api/v1/realtime`);
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', token, ...(this.cursor === null ? {} : { cursor: this.cursor }) }));
    socket.onmessage = (message) => this.receive(String(message.data));
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.setState('offline');
      this.scheduleReconnect();
    };
  }

  private receive(text: string): void {
    let message: { type?: string; cursor?: string; event?: FeedItem; error?: { code?: string } };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (message.type === 'authenticated') {
      this.retryDelay = RECONNECT_MIN_MS;
      this.setState('live');
    } else if (message.type === 'sync_event' && message.event) {
      this.cursor = message.cursor ?? message.event.cursor;
      const item = message.event;
      this.itemListeners.forEach((listener) => listener(item));
    } else if (message.type === 'error' && message.error?.code === 'unauthorized') {
      // The access token ran out on an open connection: renew it before the reconnect.
      void refreshSession();
    }
  }

  private scheduleReconnect(): void {
    if (this.itemListeners.size === 0 || sessionStore.current() === null || this.retryTimer !== null) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, RECONNECT_MAX_MS);
  }

  private stop(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    if (sessionStore.current() === null) this.cursor = null;
    this.setState('offline');
  }
}

export const liveFeed = new LiveFeed();
