import { expect } from 'chai';
import {
  apply,
  commitmentOf,
  committedDraw,
  createState,
  decodeSnapshot,
  encodeSnapshot,
  entryOfUser,
  type Command,
} from '../../../backend/src/queue/core/index.js';
import { baseConfig, MINUTE, T0, TestQueue } from './helpers.js';

const SEED_A = 'a1'.repeat(32);
const SEED_B = 'b2'.repeat(32);
const ON_SALE = T0 + 60 * MINUTE;
const users = Array.from({ length: 12 }, (_, i) => `early${i}`);

// ---- An independent implementation of docs/fairness.md, on WebCrypto, for checking the core ----
const subtle = globalThis.crypto.subtle;
const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);
const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(text.match(/../g)!.map((h) => parseInt(h, 16)));
const sha256 = async (data: Uint8Array<ArrayBuffer>) => hex(await subtle.digest('SHA-256', data));

async function recomputeDraw(seed: string, entryIds: string[]) {
  const list = await Promise.all(entryIds.map((id) => sha256(utf8(`queuetix-draw-v1:entry:${id}`))));
  const listHash = await sha256(utf8(list.join('\n')));
  const key = await subtle.importKey('raw', fromHex(seed), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const words: number[] = [];
  let counter = 0;
  const nextWord = async () => {
    if (words.length === 0) {
      const block = new DataView(await subtle.sign('HMAC', key, utf8(`queuetix-draw-v1:${listHash}:${counter++}`)));
      for (let k = 0; k < 32; k += 4) words.push(block.getUint32(k, false));
    }
    return words.shift()!;
  };
  const order = list.slice();
  for (let i = order.length - 1; i >= 1; i--) {
    const m = i + 1;
    const acceptBelow = Math.floor(0x1_0000_0000 / m) * m;
    let u = await nextWord();
    while (u >= acceptBelow) u = await nextWord();
    const j = u % m;
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return { list, listHash, order };
}
// -------------------------------------------------------------------------------------------------

function committedEvent(seed = SEED_A): TestQueue {
  const queue = new TestQueue({ totalTickets: 0, salesStartAt: null });
  // TestQueue creates without a seed; build the committed one by hand.
  Object.assign(queue, { state: createState() });
  queue.must({ type: 'create', eventId: 'ev1', config: { ...baseConfig, totalTickets: 0, salesStartAt: ON_SALE }, drawSeed: seed });
  for (const user of users) {
    queue.join(user);
    queue.clock += 1000;
  }
  return queue;
}

describe('queue core: the committed draw (commit, then reveal)', () => {
  it('publishes SHA-256 of the seed as the commitment when an event is created with an on-sale time', async () => {
    const queue = committedEvent();
    expect(queue.state.commitment).to.include({ seed: SEED_A, committedAt: T0 });
    expect(queue.state.commitment!.commitment).to.equal(await sha256(fromHex(SEED_A)));
    expect(commitmentOf(SEED_A)).to.equal(queue.state.commitment!.commitment);
  });

  it('draws the order from the committed seed and the list hash, as an independent implementation recomputes it', async () => {
    const queue = committedEvent();
    const joinOrder = users.map((user) => entryOfUser(queue.state, user)!.id);
    queue.clock = ON_SALE;
    const { reply } = queue.must({ type: 'openSales', seed: 'ignored: the committed seed is used' });

    expect(reply.lottery).to.deep.include({
      seed: SEED_A,
      scheme: 'queuetix-draw-v1',
      commitment: commitmentOf(SEED_A),
      committedAt: T0,
      participants: joinOrder,
    });
    const expected = await recomputeDraw(SEED_A, joinOrder);
    const published = committedDraw(reply.lottery.seed, reply.lottery.participants);
    expect(published.list).to.deep.equal(expected.list);
    expect(published.listHash).to.equal(expected.listHash);
    expect(published.order).to.deep.equal(expected.order);
    expect(published.order, 'a shuffle of 12 is not the join order').to.not.deep.equal(published.list);

    const line = users.map((user) => entryOfUser(queue.state, user)!).sort((a, b) => a.position! - b.position!);
    const lineAsPseudonyms = line.map((entry) => published.list[joinOrder.indexOf(entry.id)]);
    expect(lineAsPseudonyms, 'the line is the published order').to.deep.equal(expected.order);
  });

  it('changes the order when the seed changes or the list changes', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `e_entry${i}`);
    const base = committedDraw(SEED_A, ids).order;
    expect(committedDraw(SEED_B, ids).order).to.not.deep.equal(base);
    const oneLess = committedDraw(SEED_A, ids.slice(1));
    expect(oneLess.listHash).to.not.equal(committedDraw(SEED_A, ids).listHash);
    // Same length, one entry swapped for another: the list hash, and so every word, changes.
    const swapped = committedDraw(SEED_A, [...ids.slice(0, -1), 'e_other']);
    const positions = (order: string[], list: string[]) => order.map((p) => list.indexOf(p));
    expect(positions(swapped.order, swapped.list)).to.not.deep.equal(positions(base, committedDraw(SEED_A, ids).list));
    expect(committedDraw(SEED_B, ids).order).to.deep.equal((await recomputeDraw(SEED_B, ids)).order);
  });

  it('keeps the commitment when the on-sale time moves, even if a new seed is offered', () => {
    const queue = committedEvent();
    const before = queue.state.commitment!.commitment;
    const { reply } = queue.must({ type: 'configure', patch: { salesStartAt: ON_SALE + 30 * MINUTE }, drawSeed: SEED_B });
    expect(reply.drawCommitment).to.equal(before);
    expect(queue.state.commitment!.seed).to.equal(SEED_A);
  });

  it('refuses to commit again once committed, and leaves the commitment as it was', () => {
    const queue = committedEvent();
    const result = queue.run({ type: 'commitDraw', seed: SEED_B });
    expect(result.ok || result.error.code).to.equal('conflict');
    expect(queue.state.commitment!.seed).to.equal(SEED_A);
  });

  it('commits when an on-sale time is first given, and commits an older event awaiting its draw', () => {
    const open = new TestQueue({ salesStartAt: null });
    expect(open.state.commitment).to.equal(null);
    const noDraw = open.run({ type: 'commitDraw', seed: SEED_A });
    expect(noDraw.ok || noDraw.error.code, 'sales already open: nothing to commit').to.equal('conflict');

    const older = new TestQueue({ salesStartAt: ON_SALE }); // created without a seed, as before commitments
    expect(older.state.commitment).to.equal(null);
    const { reply, effects } = older.must({ type: 'commitDraw', seed: SEED_B });
    expect(reply.drawCommitment).to.equal(commitmentOf(SEED_B));
    expect(effects).to.deep.include({ type: 'drawCommitted', commitment: commitmentOf(SEED_B), committedAt: T0 });
  });

  it('refuses a malformed seed and changes nothing', () => {
    const state = createState();
    const result = apply(state, { type: 'create', eventId: 'ev1', config: { ...baseConfig, salesStartAt: ON_SALE }, drawSeed: 'short' }, T0);
    expect(result.ok || result.error.code).to.equal('invalid_request');
    expect(state.created).to.equal(false);
  });

  it('rebuilds the same commitment and draw from the journal, and from a snapshot', () => {
    const journal: { cmd: Command; now: number }[] = [
      { cmd: { type: 'create', eventId: 'ev1', config: { ...baseConfig, salesStartAt: ON_SALE }, drawSeed: SEED_A }, now: T0 },
      { cmd: { type: 'join', entryId: 'e_1', userId: 'u1', quantity: 1 }, now: T0 + 1 },
      { cmd: { type: 'configure', patch: { salesStartAt: ON_SALE + MINUTE }, drawSeed: SEED_B }, now: T0 + 2 },
      { cmd: { type: 'join', entryId: 'e_2', userId: 'u2', quantity: 1 }, now: T0 + 3 },
    ];
    const replay = (records: typeof journal) => {
      const state = createState();
      for (const { cmd, now } of records) expect(apply(state, cmd, now).ok).to.equal(true);
      return state;
    };
    const state = replay(journal);
    expect(state.commitment).to.deep.equal({ seed: SEED_A, commitment: commitmentOf(SEED_A), committedAt: T0 });
    const copy = decodeSnapshot(JSON.parse(JSON.stringify(encodeSnapshot(state))));
    expect(copy.commitment).to.deep.equal(state.commitment);

    const opened = replay([...journal, { cmd: { type: 'openSales' }, now: ON_SALE + MINUTE }]);
    const reopened = decodeSnapshot(JSON.parse(JSON.stringify(encodeSnapshot(opened))));
    expect(reopened.lottery).to.deep.equal(opened.lottery);
    expect(opened.lottery).to.include({ scheme: 'queuetix-draw-v1', seed: SEED_A });
  });

  it('loads a snapshot written before commitments and keeps its server-seeded record as it was', () => {
    const queue = new TestQueue({ salesStartAt: ON_SALE });
    queue.join('u1');
    queue.clock = ON_SALE;
    queue.must({ type: 'openSales', seed: 'legacy-seed' });
    const { commitment: _dropped, ...older } = encodeSnapshot(queue.state);
    const copy = decodeSnapshot(JSON.parse(JSON.stringify(older)));
    expect(copy.lottery).to.deep.equal({ seed: 'legacy-seed', drawnAt: ON_SALE, participants: [entryOfUser(queue.state, 'u1')!.id] });
    expect(copy.lottery!.scheme).to.equal(undefined);
    expect(copy.commitment).to.equal(null);
  });

  it('needs a seed to open an event that was never committed (journals from before commitments)', () => {
    const queue = new TestQueue({ salesStartAt: ON_SALE });
    queue.clock = ON_SALE;
    const result = queue.run({ type: 'openSales' });
    expect(result.ok || result.error.code).to.equal('invalid_request');
  });
});
