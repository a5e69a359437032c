import net from 'node:net';
import { expect } from 'chai';
import { io } from 'socket.io-client';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { countTried, expectDocumented4xx } from './support/documented.js';
import { apiOf, methodOf, nameOf, readingJson, worldPath } from './support/endpoints.js';
import { hostileWorld, type World } from './support/world.js';

interface RawOutcome {
  response: string;
  /** When the first byte of an answer came (-1: none). */
  answeredAfterMs: number;
  closedAfterMs: number;
}

/** Opens a raw connection, runs `talk` on it, and reports what came back and when it was closed. */
function rawConnection(url: string, talk: (socket: net.Socket) => void, giveUpMs = 20_000): Promise<RawOutcome> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(Number(port), hostname);
    let response = '';
    let answeredAfterMs = -1;
    const timer = setTimeout(() => socket.destroy(), giveUpMs);
    socket.on('data', (chunk) => {
      if (answeredAfterMs < 0) answeredAfterMs = Date.now() - started;
      response += chunk.toString();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ response, answeredAfterMs, closedAfterMs: Date.now() - started });
    });
    talk(socket);
  });
}

/** Writes one byte every `everyMs` while the socket is open. */
function dribble(socket: net.Socket, everyMs: number, byte = 'a'): void {
  const timer = setInterval(() => (socket.writable ? socket.write(byte) : clearInterval(timer)), everyMs);
  socket.on('close', () => clearInterval(timer));
}

describe('hostile input: oversized bodies and headers', function () {
  this.timeout(120_000);
  let world: World;
  let initial: string;

  before(async () => {
    world = await hostileWorld();
    initial = await world.fingerprint();
  });
  afterEach(async () => {
    expect(await world.fingerprint(), 'state after oversized input').to.equal(initial);
    expect((await world.anonymous.get('/api/health')).status).to.equal(200);
  });

  it('answers 413 payload_too_large to a JSON body over 100 KB on every endpoint that reads one', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(150_000), quantity: 1, code: 'x', flow: 'site' });
    expect(readingJson.length, 'described endpoints that read a JSON body').to.be.at.least(7);
    for (const e of readingJson) {
      countTried('oversized');
      expectDocumented4xx(await apiOf(e, world).request(methodOf(e), worldPath(e, world), big, { 'content-type': 'application/json' }), [413], nameOf(e));
    }
  });

  it('answers 413 at once to a Content-Length that promises a gigabyte, without waiting for it', async () => {
    countTried('oversized');
    const outcome = await rawConnection(
      world.backend.url,
      (socket) => {
        socket.write(
          `POST /api/events/${world.eventA}/queue HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${world.waiting.token}\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{"quantity":`,
        );
        socket.once('data', () => setTimeout(() => socket.destroy(), 50));
      },
      10_000,
    );
    expect(outcome.response).to.match(/^HTTP\/1\.1 413/);
    expect(outcome.answeredAfterMs).to.be.within(0, 2_000);
    expect(outcome.response).to.include('payload_too_large');
  });

  it('answers 413 to an image over 5 MB', async () => {
    countTried('oversized');
    const form = new FormData();
    form.append('image', new Blob([new Uint8Array(6 * 1024 * 1024)], { type: 'image/png' }), 'big.png');
    expectDocumented4xx(await world.sellerA.api.request('POST', `/api/events/${world.eventA}/image`, form), [413]);
  });

  it('answers 400 to JSON nested 50,000 deep and keeps serving', async () => {
    countTried('oversized');
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    expectDocumented4xx(await world.waiting.api.request('POST', `/api/events/${world.eventA}/queue`, deep, { 'content-type': 'application/json' }), [400]);
  });

  it('refuses headers over 16 KB with 431 (Node, before the app) and keeps serving', async () => {
    countTried('oversized');
    const res = await world.anonymous.request('GET', '/api/events', undefined, { cookie: 'c='.concat('x'.repeat(20_000)) });
    expect(res.status).to.equal(431);
  });
});

/**
 * Slow clients (slowloris): a request dribbled byte by byte is answered 408 and its socket closed
 * once HTTP_REQUEST_TIMEOUT_MS / HTTP_HEADERS_TIMEOUT_MS pass (short here), while other clients are
 * served and WebSocket connections, which outlive any request, stay open.
 */
describe('hostile input: slow clients', function () {
  this.timeout(120_000);
  let backend: Backend;

  before(async () => {
    backend = await startBackend({ label: 'slow-clients', env: { HTTP_REQUEST_TIMEOUT_MS: '3000', HTTP_HEADERS_TIMEOUT_MS: '2000' } });
  });
  after(async () => backend?.stop());

  it('cuts off a client that dribbles its body: 408, then the socket is closed', async () => {
    countTried('slow clients');
    const outcome = await rawConnection(backend.url, (socket) => {
      socket.write('POST /api/dev/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{');
      dribble(socket, 200, ' ');
    });
    expect(outcome.response).to.match(/^HTTP\/1\.1 408/);
    expect(outcome.closedAfterMs).to.be.within(2_500, 8_000);
  });

  it('cuts off a client that dribbles its headers, or sends nothing at all', async () => {
    countTried('slow clients', 2);
    const [headers, silent] = await Promise.all([
      rawConnection(backend.url, (socket) => {
        socket.write('GET /api/events HTTP/1.1\r\nHost: x\r\n');
        dribble(socket, 200, 'X');
      }),
      rawConnection(backend.url, () => undefined),
    ]);
    for (const outcome of [headers, silent]) {
      expect(outcome.response).to.match(/^HTTP\/1\.1 408/);
      expect(outcome.closedAfterMs).to.be.within(1_500, 8_000);
    }
  });

  it('keeps serving everyone else while 200 slow clients hang on, and keeps WebSockets open past the timeout', async () => {
    countTried('slow clients', 200);
    const socket = io(backend.url, { transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const slow = Array.from({ length: 200 }, () =>
      rawConnection(backend.url, (s) => {
        s.write('POST /api/dev/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n');
        dribble(s, 500, ' ');
      }),
    );
    const started = Date.now();
    const health = await new Api(backend.url).get('/api/health');
    expect(health.status).to.equal(200);
    expect(Date.now() - started, 'health answered while slow clients hang').to.be.below(2_000);
    const outcomes = await Promise.all(slow);
    expect(outcomes.every((o) => /^HTTP\/1\.1 408/.test(o.response))).to.equal(true);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(socket.connected, 'the WebSocket outlived the request timeout').to.equal(true);
    socket.close();
  });
});
