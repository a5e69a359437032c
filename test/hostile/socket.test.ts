import { expect } from 'chai';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { countTried, hostileRuns } from './support/documented.js';
import { hostileSegment, wrongValue } from './support/inputs.js';
import { hostileWorld, type World } from './support/world.js';

type Reply = { ok?: boolean; error?: { code?: string; message?: string } } | undefined;

/** Why each socket was disconnected, for failure messages. */
const dropped = new WeakMap<Socket, string>();

function connect(url: string, token?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], reconnection: false, ...(token ? { auth: { token } } : {}) });
    socket.on('disconnect', (reason) => dropped.set(socket, reason));
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Emits `args` with an ack last; a reply that does not come within 5 s is 'no answer'. */
const ask = (socket: Socket, event: string, ...args: unknown[]) =>
  new Promise<Reply>((resolve) =>
    socket.timeout(5_000).emit(event, ...args, (err: unknown, reply: Reply) => resolve(err ? { error: { code: 'no answer' } } : reply)),
  );

/**
 * The socket's messages are input too: any watch/unwatch payload gets an answer (ok, or a
 * documented error code), unknown events are ignored, and the connection and server stay up.
 */
describe('hostile input: socket messages', function () {
  this.timeout(120_000);
  let world: World;
  let initial: string;
  let socket: Socket;

  before(async () => {
    world = await hostileWorld();
    initial = await world.fingerprint();
    socket = await connect(world.backend.url, world.waiting.token);
  });
  after(() => socket?.close());
  afterEach(async () => {
    expect(socket.connected, 'the socket is still connected').to.equal(true);
    expect(await world.fingerprint(), 'state after bad socket messages').to.equal(initial);
    expect((await world.anonymous.get('/api/health')).status).to.equal(200);
  });

  it('answers any watch or unwatch payload with ok or a documented error', async () => {
    const payloads = fc.oneof(wrongValue, fc.record({ eventId: fc.oneof(hostileSegment, wrongValue) }), fc.jsonValue({ maxDepth: 3 }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('watch', 'unwatch'), payloads, async (event, payload) => {
        // Each run stands alone: were the socket dropped by an earlier run, every later run and
        // every shrink would time out too, and fast-check would report whichever payload it shrank
        // to (once {eventId: {$gt: ''}}, for a 20,000-character id that had closed the connection).
        if (!socket.connected) socket = await connect(world.backend.url, world.waiting.token);
        countTried('socket messages');
        const reply = await ask(socket, event, payload);
        const where = `${event} ${JSON.stringify(payload)?.slice(0, 200)} (${JSON.stringify(payload)?.length} chars) → ${JSON.stringify(reply)}`;
        expect(socket.connected, `${where}: disconnected (${dropped.get(socket)})`).to.equal(true);
        const fine = reply?.ok === true || ['invalid_request', 'not_found', 'unavailable'].includes(reply?.error?.code ?? '');
        expect(fine, where).to.equal(true);
      }),
      { numRuns: hostileRuns },
    );
    await ask(socket, 'unwatch', { eventId: world.eventA });
  });

  it('ignores events it does not know and keeps the connection', async () => {
    for (const name of ['admin', 'join', 'purchase', '__proto__', 'constructor', 'entry', 'availability', 'x'.repeat(1_000)]) {
      countTried('socket messages');
      socket.emit(name, { eventId: world.eventA, quantity: 4, userId: world.paid.userId });
    }
    const reply = await ask(socket, 'watch', { eventId: world.eventB });
    expect(reply?.ok).to.equal(true);
    await ask(socket, 'unwatch', { eventId: world.eventB });
  });

  it('answers the ack wherever it is and survives messages without one', async () => {
    // Socket.IO puts the ack last, after however many arguments the client sent.
    const withExtra = await ask(socket, 'watch', { eventId: world.eventA }, 'extra', 42);
    expect(withExtra?.error?.code, JSON.stringify(withExtra)).to.equal('invalid_request');
    const bare = await ask(socket, 'unwatch');
    expect(bare?.error?.code, JSON.stringify(bare)).to.equal('invalid_request');
    // No ack at all, or something else where the ack would be: nothing to answer, nothing thrown.
    const noAck: unknown[][] = [
      [],
      [{ eventId: world.eventA }],
      [{ eventId: world.eventA }, 'not a function'],
      [{ eventId: { $gt: '' } }, null],
      [null, null, null],
      [{ eventId: world.eventA }, { toString: 'x' }],
    ];
    for (const event of ['watch', 'unwatch']) {
      for (const args of noAck) {
        countTried('socket messages');
        socket.emit(event, ...args);
      }
    }
    // Messages on one socket are handled in order, so these answers come after all of the above.
    expect((await ask(socket, 'watch', { eventId: world.eventA }))?.ok).to.equal(true);
    expect((await ask(socket, 'unwatch', { eventId: world.eventA }))?.ok).to.equal(true);
  });

  it('closes only the connection that sends a frame over 100 KiB', async () => {
    const big = await connect(world.backend.url);
    const closed = new Promise<string>((resolve) => big.once('disconnect', resolve));
    countTried('socket messages');
    big.emit('watch', { eventId: 'x'.repeat(200_000) }, () => undefined);
    expect(await closed).to.equal('transport close');
    expect((await ask(socket, 'watch', { eventId: world.eventB }))?.ok).to.equal(true);
    await ask(socket, 'unwatch', { eventId: world.eventB });
  });

  it('refuses to watch more than 50 events on one connection', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `ev_flood_${i}`);
    const replies = await Promise.all(ids.map((eventId) => ask(socket, 'watch', { eventId })));
    countTried('socket messages', ids.length);
    expect(replies.filter((r) => r?.error?.code === 'invalid_request').length).to.be.at.least(10);
    await Promise.all(ids.map((eventId) => ask(socket, 'unwatch', { eventId })));
  });
});
