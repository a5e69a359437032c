/** A real socket.io-client connection that records every push, for tests to wait on. */
import { io, type Socket } from 'socket.io-client';

export interface Push {
  name: string;
  body: any;
  at: number;
}

export class LiveClient {
  readonly socket: Socket;
  readonly pushes: Push[] = [];
  private waiters: Array<() => void> = [];

  private constructor(url: string, token?: string) {
    this.socket = io(url, { path: '/socket.io', transports: ['websocket'], auth: token ? { token } : {}, forceNew: true, reconnection: false });
    this.socket.onAny((name: string, body: unknown) => {
      this.pushes.push({ name, body, at: Date.now() });
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Connects (as the token's user, or anonymously) and resolves once the server accepted it. */
  static async connect(url: string, token?: string): Promise<LiveClient> {
    const client = new LiveClient(url, token);
    await new Promise<void>((resolve, reject) => {
      client.socket.once('connect', () => resolve());
      client.socket.once('connect_error', reject);
    });
    return client;
  }

  /** The error a refused handshake gives (throws if the server accepted the socket). */
  static async refusal(url: string, token: unknown): Promise<Error & { data?: { code: string } }> {
    const socket = io(url, { path: '/socket.io', transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false });
    try {
      return await new Promise((resolve, reject) => {
        socket.once('connect', () => reject(new Error('the server accepted the socket')));
        socket.once('connect_error', resolve);
      });
    } finally {
      socket.close();
    }
  }

  async watch(eventId: unknown): Promise<any> {
    return this.socket.timeout(10_000).emitWithAck('watch', { eventId });
  }

  async unwatch(eventId: unknown): Promise<any> {
    return this.socket.timeout(10_000).emitWithAck('unwatch', { eventId });
  }

  /** Pushes of one kind received so far (optionally only those after index `from` of all pushes). */
  received(name: string, from = 0): any[] {
    return this.pushes
      .slice(from)
      .filter((p) => p.name === name)
      .map((p) => p.body);
  }

  /** Waits for a push of this kind matching `match` (looking at pushes from index `from` on). */
  async next(name: string, match: (body: any) => boolean = () => true, from = 0, timeoutMs = 10_000): Promise<any> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = this.pushes.slice(from).find((p) => p.name === name && match(p.body));
      if (found) return found.body;
      const left = until - Date.now();
      if (left <= 0) {
        const seen = this.pushes
          .slice(from)
          .map((p) => `${p.name} ${JSON.stringify(p.body)}`)
          .join('\n  ');
        throw new Error(`no matching "${name}" push within ${timeoutMs} ms; received:\n  ${seen}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** A mark to pass as `from`: only pushes after this moment count. */
  mark(): number {
    return this.pushes.length;
  }

  close(): void {
    this.socket.close();
  }
}
