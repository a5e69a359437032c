import { onScopeDispose, ref } from 'vue';
import type { Socket as ClientSocket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@queuetix/contracts';

/** Typed with the contract's event maps: a renamed push or field breaks this build. */
type Socket = ClientSocket<ServerToClientEvents, ClientToServerEvents>;

type TokenGetter = () => Promise<string | null>;

let tokenGetter: TokenGetter = async () => null;
let onAuthRejected: () => void = () => undefined;
let socket: Socket | null = null;
let connecting: Promise<Socket> | null = null;
const watchCounts = new Map<string, number>();
/** Whether the live connection is up; pages show "Live" or "Reconnecting…". */
export const socketConnected = ref(false);
export const socketEverConnected = ref(false);

export function setSocketTokenGetter(getter: TokenGetter, authRejected: () => void = () => undefined): void {
  tokenGetter = getter;
  onAuthRejected = authRejected;
}

/** socket.io-client is loaded on first use so pages without live data never pay for it. */
function ensureSocket(): Promise<Socket> {
  connecting ??= import('socket.io-client').then(({ io }) => {
    const s: Socket = io({
      transports: ['websocket'],
      // A function, so every (re)connect carries a fresh token (Clerk tokens are short-lived).
      auth: (cb) => {
        tokenGetter().then(
          (token) => cb(token ? { token } : {}),
          () => cb({}),
        );
      },
    });
    s.on('connect', () => {
      socketConnected.value = true;
      socketEverConnected.value = true;
      // The server forgets our rooms when the connection drops: subscribe again on every connect.
      for (const eventId of watchCounts.keys()) s.emit('watch', { eventId });
    });
    s.on('disconnect', () => {
      socketConnected.value = false;
    });
    // A refused handshake is not retried by socket.io: a bad token means the session ended, so
    // drop it and come back anonymously (the page's 401 handling asks to sign in where needed).
    s.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      if (s.active) return; // a transport error: socket.io retries by itself
      if (err.data?.code === 'unauthenticated') onAuthRejected();
      setTimeout(() => s.connect(), err.data?.code === 'unauthenticated' ? 0 : 2000);
    });
    socket = s;
    return s;
  });
  return connecting;
}

/** After sign-in or sign-out the socket must carry the new identity: reconnect with the new token. */
export function reconnectSocket(): void {
  if (socket) socket.disconnect().connect();
}

function watch(eventId: string): () => void {
  const n = watchCounts.get(eventId) ?? 0;
  watchCounts.set(eventId, n + 1);
  if (n === 0) void ensureSocket().then((s) => s.connected && s.emit('watch', { eventId }));
  else void ensureSocket();
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const left = (watchCounts.get(eventId) ?? 1) - 1;
    if (left > 0) watchCounts.set(eventId, left);
    else {
      watchCounts.delete(eventId);
      socket?.emit('unwatch', { eventId });
    }
  };
}

const untypedSocket = (): ClientSocket | null => socket;

function on<K extends keyof ServerToClientEvents>(name: K, handler: ServerToClientEvents[K]): () => void {
  // socket.io-client cannot check a listener against a generic event name, so it is added through
  // the untyped socket; the signature above is what keeps callers true to the contract.
  const listener = handler as (...args: unknown[]) => void;
  void ensureSocket().then((s: ClientSocket) => s.on(name as string, listener));
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- vue-tsc needs it: the name is a generic key
  return () => untypedSocket()?.off(name as string, listener);
}

/**
 * The one way pages and stores use the live connection. Watches and handlers registered here
 * are removed when the calling component (or effect scope) goes away.
 */
export function useSocket() {
  const cleanups: (() => void)[] = [];
  onScopeDispose(() => cleanups.splice(0).forEach((f) => f()));
  return {
    connected: socketConnected,
    /** Watches an event until the caller's scope ends, or until the returned function is called. */
    watch(eventId: string): () => void {
      const stop = watch(eventId);
      cleanups.push(stop);
      return stop;
    },
    on<K extends keyof ServerToClientEvents>(name: K, handler: ServerToClientEvents[K]): void {
      cleanups.push(on(name, handler));
    },
  };
}
