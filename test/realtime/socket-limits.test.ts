/**
 * Issue 12, part 5: sockets are rate limited — watch/unwatch per connection, connections per
 * address — and the excess is refused with a clear message, never a crash. Real server, real
 * Socket.IO clients; each test uses its own client address (X-Forwarded-For behind a trusted proxy).
 */
import { expect } from 'chai';
import { io, type Socket } from 'socket.io-client';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent, eventually } from '../support/fixtures.js';

const WATCH_RATE = 5;
const OPEN_PER_IP = 3;
const CONNECTS_PER_MINUTE = 6;

let addressCounter = 0;
const freshAddress = () => `203.0.113.${++addressCounter}`;

function open(url: string, address: string, spoofed = ''): Socket {
  return io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    // A proxy appends the address it saw; whatever the client wrote before it is the client's invention.
    extraHeaders: { 'x-forwarded-for': spoofed ? `${spoofed}, ${address}` : address },
  });
}

function connected(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function refused(socket: Socket): Promise<Error & { data?: { code: string; retryAfterSec?: number } }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('the server accepted the socket')));
    socket.once('connect_error', resolve);
  });
}

describe('realtime: socket rate limits', function () {
  this.timeout(60_000);
  let backend: Backend;
  let eventId: string;
  const sockets: Socket[] = [];
  const track = (s: Socket) => (sockets.push(s), s);

  before(async () => {
    backend = await startBackend({
      label: 'socket-limits',
      env: {
        TRUST_PROXY: 'true',
        SOCKET_WATCH_RATE: String(WATCH_RATE),
        SOCKET_CONNECTIONS_PER_IP: String(OPEN_PER_IP),
        SOCKET_CONNECT_RATE_PER_IP: String(CONNECTS_PER_MINUTE),
      },
    });
    const seller = (await new Api(backend.url).signIn('Limits Seller', 'seller')).api;
    eventId = (await createEvent(seller)).id;
  });

  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });

  after(async () => {
    await backend?.stop();
  });

  it('answers watch/unwatch beyond the per-connection budget with rate_limited, and keeps the connection', async () => {
    const socket = await connected(track(open(backend.url, freshAddress())));
    const replies = [];
    for (let i = 0; i < WATCH_RATE + 3; i++) replies.push(await socket.timeout(5_000).emitWithAck(i % 2 ? 'unwatch' : 'watch', { eventId }));
    expect(replies.slice(0, WATCH_RATE).every((r) => r.ok === true)).to.equal(true);
    const limited = replies.slice(WATCH_RATE);
    for (const reply of limited) {
      expect(reply.error.code).to.equal('rate_limited');
      expect(reply.error.message).to.match(/Too many watch\/unwatch messages on this connection \(at most 5 per 10 s\); try again in \d+ s/);
    }
    expect(socket.connected).to.equal(true);
    // Another connection has its own budget.
    const other = await connected(track(open(backend.url, freshAddress())));
    expect(await other.timeout(5_000).emitWithAck('watch', { eventId })).to.deep.equal({ ok: true });
  });

  it('refuses a connection over the open-connection limit of an address, with a message; a closed one frees a place', async () => {
    const address = freshAddress();
    const first = await Promise.all(Array.from({ length: OPEN_PER_IP }, () => connected(track(open(backend.url, address)))));
    const error = await refused(track(open(backend.url, address)));
    expect(error.data?.code).to.equal('rate_limited');
    expect(error.message).to.equal(`Too many open connections from your address (at most ${OPEN_PER_IP}); close some and try again`);
    // Spoofed left-most entries do not make a new address.
    const spoofed = await refused(track(open(backend.url, address, '198.51.100.77')));
    expect(spoofed.data?.code).to.equal('rate_limited');
    first[0]!.close();
    // Once the server has heard the close, the address has a place again (refusals cost no budget).
    await eventually(() => connected(track(open(backend.url, address))).catch(() => undefined), 5_000, 'a freed place');
  });

  it('refuses an address opening connections too fast, saying when to retry, and serves everyone else', async () => {
    const address = freshAddress();
    for (let i = 0; i < CONNECTS_PER_MINUTE; i++) {
      const s = await connected(open(backend.url, address));
      s.close();
    }
    const error = await refused(track(open(backend.url, address)));
    expect(error.data?.code).to.equal('rate_limited');
    expect(error.message).to.match(/^Too many new connections from your address; try again in \d+ s$/);
    expect(error.data?.retryAfterSec).to.be.within(1, 60);
    await connected(track(open(backend.url, freshAddress())));
    expect((await new Api(backend.url).get('/api/health')).status).to.equal(200);
  });
});
