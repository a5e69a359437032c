import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { pino } from 'pino';
import { auditQueue, loadQueueState } from '../../backend/src/queue/audit.js';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent, eventually } from '../support/fixtures.js';
import { mintBuyerTokens } from '../support/tokens.js';

/**
 * Durability: a join is acknowledged only once journaled, so a SIGKILL at any moment loses no
 * acknowledged join, and after a restart offers keep their deadlines and none is made twice.
 */
describe('queue: crash recovery (SIGKILL mid-run)', function () {
  this.timeout(180_000);
  const env = { JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0', SNAPSHOT_EVERY: '100' };
  let backend: Backend;

  after(async () => backend?.stop());

  it('keeps every acknowledged join in its place, keeps offer deadlines, offers nothing twice, and expires offers on time after restart', async () => {
    backend = await startBackend({ label: 'crash-a', env });
    const seller = (await new Api(backend.url).signIn('Crash Seller', 'seller')).api;
    const event = await createEvent(seller, { totalTickets: 20, maxPerBuyer: 1, offerWindowSec: 60 });
    const buyers = await mintBuyerTokens(backend, 600, 'crash');

    // Fire joins in waves; kill the process while the third wave is in flight.
    const acknowledged = new Map<string, { entryId: string; position?: number; status: string; offerExpiresAt?: string }>();
    const join = async (buyer: { userId: string; token: string }, base: string) => {
      try {
        const res = await new Api(base, buyer.token).post(`/api/events/${event.id}/queue`, { quantity: 1 });
        if (res.status === 201)
          acknowledged.set(buyer.userId, {
            entryId: res.body.id,
            position: res.body.position,
            status: res.body.status,
            offerExpiresAt: res.body.offerExpiresAt,
          });
      } catch {
        /* connection reset by the kill: not acknowledged, may or may not have been applied */
      }
    };
    for (let wave = 0; wave < 2; wave++) await Promise.all(buyers.slice(wave * 150, wave * 150 + 150).map((b) => join(b, backend.url)));
    const inFlight = Promise.all(buyers.slice(300, 600).map((b) => join(b, backend.url)));
    await eventually(async () => (acknowledged.size >= 340 ? true : undefined), 20_000, 'some joins of the third wave acknowledged');
    await backend.kill();
    await inFlight;
    expect(acknowledged.size).to.be.greaterThan(300);

    backend = await startBackend({ label: 'crash-b', dbName: backend.dbName, env });
    const after = new Map<string, any>();
    for (let i = 0; i < buyers.length; i += 100) {
      await Promise.all(
        buyers.slice(i, i + 100).map(async (b) => {
          const res = await new Api(backend.url, b.token).get(`/api/events/${event.id}/queue/me`);
          if (res.status === 200) after.set(b.userId, res.body);
        }),
      );
    }
    // Every acknowledged join is still there, with the same entry.
    for (const [userId, ack] of acknowledged) {
      expect(after.get(userId), `acknowledged join of ${userId}`).to.exist;
      expect(after.get(userId).id).to.equal(ack.entryId);
    }
    // In its place: acknowledged waiting entries keep their relative order.
    const waitingAck = [...acknowledged.entries()].filter(([, a]) => a.status === 'waiting').sort((x, y) => x[1].position! - y[1].position!);
    const positionsAfter = waitingAck.map(([userId]) => after.get(userId).position as number);
    expect(positionsAfter).to.deep.equal([...positionsAfter].sort((a, b) => a - b));
    // Offers keep their deadlines exactly.
    const offeredBefore = [...acknowledged.entries()].filter(([, a]) => a.status === 'offered');
    expect(offeredBefore.length).to.equal(20);
    for (const [userId, ack] of offeredBefore) expect(after.get(userId).offerExpiresAt).to.equal(ack.offerExpiresAt);
    // Nothing offered twice: held never exceeds the tickets, exactly the 20 earliest hold offers.
    const availability = (await new Api(backend.url).get(`/api/events/${event.id}/availability`)).body;
    expect(availability).to.include({ total: 20, held: 20, sold: 0, free: 0 });
    const offeredAfter = [...after.values()].filter((e) => e.status === 'offered');
    expect(offeredAfter.map((e) => e.id).sort()).to.deep.equal(offeredBefore.map(([, a]) => a.entryId).sort());

    // After the restart, the re-armed timers expire the offers at their deadline and offer the next 20.
    const deadline = Date.parse(offeredBefore[0]![1].offerExpiresAt!);
    const nextInLine = waitingAck[0]![0];
    const nextToken = buyers.find((b) => b.userId === nextInLine)!.token;
    const offered = await eventually(
      async () => {
        const res = await new Api(backend.url, nextToken).get(`/api/events/${event.id}/queue/me`);
        return res.body.status === 'offered' ? res.body : undefined;
      },
      90_000,
      'the next buyer to be offered after the deadlines',
    );
    expect(Date.now()).to.be.at.least(deadline);
    expect(Date.parse(offered.offerExpiresAt) - 60_000).to.be.within(deadline - 5_000, deadline + 5_000);
    const expired = (await new Api(backend.url, buyers.find((b) => b.userId === offeredBefore[0]![0])!.token).get(`/api/events/${event.id}/queue/me`)).body;
    expect(expired.status).to.equal('expired');

    // The journal replays to the same state, and offers went out in queue order.
    await backend.stop();
    const client = new MongoClient(process.env.QUEUETIX_TEST_MONGODB_URL!);
    try {
      const state = await loadQueueState(client.db(backend.dbName), event.id, pino({ level: 'silent' }));
      const audit = auditQueue(state);
      expect(audit).to.include({ skipped: 0, inversions: 0, sold: 0, held: 20, total: 20 });
      // The first 20 plus those offered as their deadlines passed (the timer walks them in deadline order).
      expect(audit.offered).to.be.within(21, 40);
    } finally {
      await client.close();
    }
  });
});
