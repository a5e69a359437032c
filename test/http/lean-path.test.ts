/**
 * The lean path (backend/src/http/lean-path.ts) answers a buyer's join, own entry and leave without
 * Koa's middleware; it must answer each exactly as the full stack does. The full stack still serves
 * the same endpoints spelled with a trailing slash (the lean path takes only the canonical spelling),
 * so each case sends the same request both ways, as two buyers in the same state, and compares
 * status, body and headers. The instance's lean-request counter proves which path answered.
 */
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { Api, type ApiResponse } from '../support/api.js';
import type { Backend } from '../support/backend.js';
import { createEvent, signInBuyers } from '../support/fixtures.js';
import { startCluster, statusOf } from '../cluster/cluster-support.js';
import { mintBuyerTokens } from '../support/tokens.js';

/** Headers that differ between any two responses, or by the body's length. */
const VARYING = new Set(['date', 'content-length', 'keep-alive', 'connection']);

function headersOf(res: ApiResponse): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!VARYING.has(name)) out[name] = value;
  });
  return out;
}

/** An entry's own values (ids, times, place: the second buyer joins after the first) differ between two buyers; its shape and state must not. */
function shapeOf(body: any): unknown {
  if (!body || typeof body !== 'object' || !('userId' in body)) return body;
  const { id: _id, userId: _userId, joinedAt: _joinedAt, offerId: _offerId, offerExpiresAt: _expires, position: _position, ahead: _ahead, ...rest } = body;
  return { keys: Object.keys(body).sort(), ...rest };
}

describe('http: the lean path answers like the full stack', () => {
  let backend: Backend;
  let api: Api;
  let eventId: string;
  let buyers: Api[];
  let next = 0;
  /** Two buyers who have done the same so far: one is sent the canonical path, the other the full stack's spelling. */
  const pair = () => [buyers[next++]!, buyers[next++]!] as const;
  const leanRequests = async () => (await statusOf(backend)).leanRequests;
  /** The user document as stored in this backend's database (read with the driver, not through the API, which would store it). */
  const storedUser = async (userId: string) => {
    const client = new MongoClient(process.env.QUEUETIX_TEST_MONGODB_URL!);
    try {
      return await client.db(backend.env.MONGODB_DB).collection<{ _id: string }>('users').findOne({ _id: userId });
    } finally {
      await client.close();
    }
  };

  before(async () => {
    backend = (await startCluster(1, 'lean-path'))[0]!;
    api = new Api(backend.url);
    const seller = (await api.signIn('Lean Seller', 'seller')).api;
    // One ticket, held by the first joiner: everyone after waits, so every pair below is in the same state.
    const event = await createEvent(seller, { totalTickets: 1, maxPerBuyer: 4 });
    eventId = event.id;
    buyers = await signInBuyers(api, 40, 'lean');
    // The first join wakes the event's actor (the full stack does that); from here the lean path can take them.
    expect((await buyers[next++]!.post(`/api/events/${eventId}/queue`, { quantity: 1 })).status).to.equal(201);
  });

  after(async () => {
    await backend?.stop();
  });

  /** Sends one request both ways; returns the two answers after checking the lean path took exactly one of them. */
  async function both(
    send: (buyer: Api, path: string) => Promise<ApiResponse>,
    suffix = '',
    [a, b]: readonly [Api, Api] = pair(),
  ): Promise<[ApiResponse, ApiResponse]> {
    const before = await leanRequests();
    const lean = await send(a, `/api/events/${eventId}/queue${suffix}`);
    expect(await leanRequests(), 'the lean path answered the canonical spelling').to.equal(before + 1);
    const full = await send(b, `/api/events/${eventId}/queue${suffix}/`);
    expect(await leanRequests(), 'the full stack answered the other').to.equal(before + 1);
    return [lean, full];
  }

  function expectSame([lean, full]: [ApiResponse, ApiResponse]): void {
    expect(lean.status).to.equal(full.status);
    expect(shapeOf(lean.body)).to.deep.equal(shapeOf(full.body));
    expect(headersOf(lean)).to.deep.equal(headersOf(full));
  }

  it('joins: 201 with the entry, then 200 with the same entry on a second join', async () => {
    const joining = pair();
    const [lean, full] = await both((b, p) => b.post(p, { quantity: 2 }), '', joining);
    expect(lean.status).to.equal(201);
    expect(lean.body).to.include({ status: 'waiting', quantity: 2 });
    expect(lean.headers.get('x-content-type-options')).to.equal('nosniff');
    expectSame([lean, full]);
    const again = await both((b, p) => b.post(p, { quantity: 3 }), '', joining);
    expect(again[0].status).to.equal(200);
    expect(again[0].body).to.include({ id: lean.body.id, quantity: 2 });
    expectSame(again);
  });

  it('joins with ticket types in the body the same way', async () => {
    expectSame(await both((b, p) => b.post(p, { items: [{ typeId: 'general', quantity: 1 }] })));
  });

  it('refuses bad bodies with the same 400s: malformed JSON, not an object, __proto__, out of range, unknown field', async () => {
    const bodies = ['{"quantity":', '"1"', '{"__proto__":{"x":1},"quantity":1}', '{"quantity":0}', '{"quantity":1,"surprise":true}', '\ufeff{"quantity":1'];
    for (const body of bodies) {
      const answers = await both((b, p) => b.request('POST', p, body, { 'content-type': 'application/json' }));
      expect(answers[0].status, body).to.equal(400);
      expect(answers[0].body.error.code, body).to.equal('invalid_request');
      expectSame(answers);
    }
  });

  it('accepts an empty JSON body as {} and refuses it the same way', async () => {
    const answers = await both((b, p) => b.request('POST', p, '', { 'content-type': 'application/json' }));
    expect(answers[0].status).to.equal(400);
    expectSame(answers);
  });

  it('stores a buyer seen for the first time before answering their join, and their bad body changes nothing else', async () => {
    // Tokens minted here, never seen by the server: the lean path stores each user on first sight, as the full stack does.
    const [first, second, third] = (await mintBuyerTokens(backend, 3, 'firstsight')).map((b) => ({ ...b, api: new Api(backend.url).as(b.token) }));
    const before = await leanRequests();
    const joined = await first!.api.post(`/api/events/${eventId}/queue`, { quantity: 1 });
    expect(joined.status).to.equal(201);
    expect(await leanRequests()).to.equal(before + 1);
    expect(await storedUser(first!.userId), 'stored by the time the join was answered').to.include({ _id: first!.userId, role: 'buyer' });
    // "Email me" needs the user's address: this first-seen buyer has none yet.
    const emailMe = await second!.api.post(`/api/events/${eventId}/queue`, { quantity: 1, notifyByEmail: true });
    expect(emailMe.status).to.equal(409);
    expect(emailMe.body.error.message).to.match(/no email address/);
    const refused = await third!.api.post(`/api/events/${eventId}/queue`, { quantity: 99 });
    expect(refused.status).to.equal(400);
    expect((await third!.api.get(`/api/events/${eventId}/queue/me?ifAny=true`)).status, 'no entry for a refused join').to.equal(204);
  });

  it('refuses a missing, malformed or forged token with the same 401s', async () => {
    const anonymous = new Api(backend.url);
    for (const authorization of [undefined, 'Token abc', 'Bearer not.a.jwt']) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) };
      const before = await leanRequests();
      const lean = await anonymous.request('POST', `/api/events/${eventId}/queue`, '{"quantity":1}', headers);
      const full = await anonymous.request('POST', `/api/events/${eventId}/queue/`, '{"quantity":1}', headers);
      expect(await leanRequests()).to.equal(before + 1);
      expect(lean.status, String(authorization)).to.equal(401);
      expectSame([lean, full]);
    }
  });

  it('answers CORS alike: our own origin is named, a site the event does not allow is not', async () => {
    for (const origin of [new URL(backend.url).origin, 'https://not-allowed.example']) {
      const answers = await both((b, p) => b.request('POST', p, '{"quantity":1}', { 'content-type': 'application/json', origin }));
      expectSame(answers);
      expect(answers[0].headers.get('vary')).to.equal('Origin');
    }
  });

  it('reads my entry alike (204 with ifAny, 400 for a bad query, 200) and leaves alike', async () => {
    const notInLine = await both((x, p) => x.get(`${p}?ifAny=true`), '/me');
    expect(notInLine[0].status).to.equal(204);
    expectSame(notInLine);
    expectSame(await both((x, p) => x.get(`${p}?ifAny=perhaps`), '/me'));
    const inLine = pair();
    for (const buyer of inLine) await buyer.post(`/api/events/${eventId}/queue`, { quantity: 1 });
    const mine = await both((x, p) => x.get(p), '/me', inLine);
    expect(mine[0].body).to.include({ status: 'waiting' });
    expectSame(mine);
    const left = await both((x, p) => x.delete(p), '/me', inLine);
    expect(left[0].body).to.include({ status: 'left' });
    expectSame(left);
  });

  it('leaves to the full stack what it cannot answer alike: an idempotency key, a form body, a chunked body', async () => {
    const [buyer] = pair();
    const before = await leanRequests();
    await buyer.request('POST', `/api/events/${eventId}/queue`, '{"quantity":1}', { 'content-type': 'application/json', 'idempotency-key': 'k-1' });
    await buyer.request('POST', `/api/events/${eventId}/queue`, 'quantity=1', { 'content-type': 'application/x-www-form-urlencoded' });
    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"quantity":1}'));
        controller.close();
      },
    });
    const res = await fetch(`${backend.url}/api/events/${eventId}/queue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${buyer.token}` },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).to.be.oneOf([200, 201]);
    expect(await leanRequests()).to.equal(before);
  });
});

describe('http: the lean path on an edge of a cluster', () => {
  let owner: Backend;
  let edge: Backend;
  let eventId: string;
  let buyers: Api[];

  before(async () => {
    [owner, edge] = (await startCluster(2, 'lean-edge')) as [Backend, Backend];
    const seller = (await new Api(owner.url).signIn('Lean Edge Seller', 'seller')).api;
    eventId = (await createEvent(seller, { totalTickets: 1, maxPerBuyer: 4 })).id;
    buyers = await signInBuyers(new Api(edge.url), 12, 'lean-edge');
    // The first join wakes the actor on the owner; the edge's first goes through its full stack, which looks the owner up.
    expect((await buyers[0]!.as(buyers[0]!.token).request('POST', `/api/events/${eventId}/queue`, { quantity: 1 })).status).to.equal(201);
  });

  after(async () => {
    await Promise.all([owner?.stop(), edge?.stop()]);
  });

  const onEdge = (buyer: Api) => new Api(edge.url, buyer.token);

  it("admits joins on the edge and batches them to the owner, in order, as the owner's full stack would answer them", async () => {
    await onEdge(buyers[1]!).post(`/api/events/${eventId}/queue`, { quantity: 1 });
    const before = await statusOf(edge);
    const entries = [];
    for (const buyer of buyers.slice(2, 6)) entries.push(await onEdge(buyer).post(`/api/events/${eventId}/queue`, { quantity: 1 }));
    const after = await statusOf(edge);
    expect(after.leanRequests - before.leanRequests, 'answered by the lean path').to.equal(4);
    expect(after.batchedCommands - before.batchedCommands, 'sent to the owner in batches').to.equal(4);
    expect(entries.map((e) => e.status)).to.deep.equal([201, 201, 201, 201]);
    expect(entries.map((e) => e.body.position)).to.deep.equal([2, 3, 4, 5]);
    const onOwner = await new Api(owner.url, buyers[2]!.token).get(`/api/events/${eventId}/queue/me`);
    expect(onOwner.body.id).to.equal(entries[0]!.body.id);
  });

  it('hands a join that needs the owner (email me, a proof of work) to the full stack with its body, which forwards it whole', async () => {
    for (const body of [
      { quantity: 1, notifyByEmail: true },
      { quantity: 1, pow: 'not-a-proof' },
    ]) {
      const [a, b] = [buyers.pop()!, buyers.pop()!];
      const before = await statusOf(edge);
      const lean = await onEdge(a).post(`/api/events/${eventId}/queue`, body);
      const full = await onEdge(b).post(`/api/events/${eventId}/queue/`, body);
      const after = await statusOf(edge);
      expect(after.forwardedRequests - before.forwardedRequests, 'both forwarded whole').to.equal(2);
      expect(after.leanRequests, 'not counted as answered by the lean path').to.equal(before.leanRequests);
      expect(lean.status, JSON.stringify(body)).to.equal(full.status);
      expect(shapeOf(lean.body)).to.deep.equal(shapeOf(full.body));
    }
  });
});
