/**
 * Drafts (issue 13, point 4): a seller saves an event without publishing it, previews it, then
 * publishes it. Until then only its owner sees it; it is not listed and nobody can join it.
 */
import { expect } from 'chai';
import { Conflict } from '../../backend/src/errors.js';
import { sharedBackend } from '../support/backend.js';
import { createEvent, eventBody } from '../support/fixtures.js';
import { withOfflineApp } from '../tickets/support/offline.js';
import { sellerAndBuyer, uniqueWord } from './support.js';

describe('events: drafts and publishing', () => {
  let people: Awaited<ReturnType<typeof sellerAndBuyer>>;
  before(async () => {
    people = await sellerAndBuyer((await sharedBackend()).url, 'drafts');
  });

  it('shows a draft to its owner only: not listed, not readable by others, not joinable (409)', async () => {
    const { anon, seller, buyer } = people;
    const word = uniqueWord('draft');
    const draft = await createEvent(seller, { name: `Secret ${word}`, status: 'draft' });
    expect(draft.status).to.equal('draft');

    const owner = await seller.get(`/api/events/${draft.id}`);
    expect(owner.status).to.equal(200);
    expect(owner.body).to.include({ id: draft.id, status: 'draft' });
    expect((await seller.get(`/api/events/${draft.id}/availability`)).status).to.equal(200);

    for (const who of [anon, buyer]) {
      const read = await who.get(`/api/events/${draft.id}`);
      expect(read.status).to.equal(404);
      expect(read.body.error.code).to.equal('not_found');
      expect((await who.get(`/api/events/${draft.id}/availability`)).status).to.equal(404);
      expect((await who.get(`/api/events?q=${word}`)).body.total).to.equal(0);
    }
    const join = await buyer.post(`/api/events/${draft.id}/queue`, { quantity: 1 });
    expect(join.status).to.equal(409);
    expect(join.body.error).to.include({ code: 'conflict' });
    expect(join.body.error.message).to.match(/not published yet/);
    expect((await buyer.get(`/api/events/${draft.id}/queue/me`)).status).to.equal(404);

    // The owner's own list shows it, marked as a draft.
    const mine = await seller.get('/api/seller/events?pageSize=100');
    expect(mine.body.items.find((e: { id: string }) => e.id === draft.id)).to.include({ status: 'draft' });
  });

  it('publishes a draft: listed, readable and joinable from then on; publishing again changes nothing', async () => {
    const { anon, seller, buyer } = people;
    const word = uniqueWord('publish');
    const draft = await createEvent(seller, { name: `Opening ${word}`, status: 'draft' });
    expect((await buyer.post(`/api/events/${draft.id}/publish`)).status).to.equal(403);
    expect((await anon.post(`/api/events/${draft.id}/publish`)).status).to.equal(401);

    const published = await seller.post(`/api/events/${draft.id}/publish`);
    expect(published.status).to.equal(200);
    expect(published.body).to.include({ id: draft.id, status: 'published' });
    expect((await anon.get(`/api/events/${draft.id}`)).body.status).to.equal('published');
    const listed = await anon.get(`/api/events?q=${word}`);
    expect(listed.body.items.map((e: { id: string }) => e.id)).to.deep.equal([draft.id]);
    const join = await buyer.post(`/api/events/${draft.id}/queue`, { quantity: 1 });
    expect(join.status).to.equal(201);

    const again = await seller.post(`/api/events/${draft.id}/publish`);
    expect(again.status).to.equal(200);
    expect(again.body.status).to.equal('published');
  });

  it('publishes at once when no status is sent (clients that predate drafts), and keeps cancelled events unpublishable', async () => {
    const { seller } = people;
    const event = await createEvent(seller, {});
    expect(event.status).to.equal('published');
    const draft = await createEvent(seller, { status: 'draft' });
    expect((await seller.post(`/api/events/${draft.id}/cancel`)).status).to.equal(200);
    const publish = await seller.post(`/api/events/${draft.id}/publish`);
    expect(publish.status).to.equal(409);
    expect((await seller.post('/api/events', eventBody({ status: 'live' }))).status).to.equal(400);
  });

  it('counts events stored before drafts existed (no status) as published', async () => {
    const dbName = `events_drafts_${process.pid}_${Date.now().toString(36)}`;
    await withOfflineApp(process.env.QUEUETIX_TEST_MONGODB_URL!, dbName, async ({ events }) => {
      const seller = { _id: 'old_seller', name: 'Old Seller', role: 'seller' as const, createdAt: new Date() };
      const event = await events.create(seller, { ...eventBody({ price: 0 }), salesStartAt: null, allowedOrigins: [] });
      await events.repo.collection.updateOne({ _id: event.id }, { $unset: { status: '', publishedAt: '' } });
      expect((await events.read(event.id)).status).to.equal('published');
      expect((await events.search({ page: 1, pageSize: 20 })).items.map((e) => e.id)).to.include(event.id);
      expect(await events.visibility.draftOrNull(event.id)).to.equal(null);
    });
  });

  it('asks the publish guard when a paid draft is published, not when it is saved', async () => {
    const dbName = `events_drafts_guard_${process.pid}_${Date.now().toString(36)}`;
    await withOfflineApp(process.env.QUEUETIX_TEST_MONGODB_URL!, dbName, async ({ events }) => {
      const seller = { _id: 'guarded_draft_seller', name: 'Guarded', role: 'seller' as const, createdAt: new Date() };
      events.setPublishGuard(async () => {
        throw new Conflict('Finish Stripe onboarding before selling paid tickets');
      });
      const draft = await events.create(seller, { ...eventBody({ price: 1500 }), salesStartAt: null, allowedOrigins: [], status: 'draft' } as never);
      expect(draft.status).to.equal('draft');
      const refused = await events.publish(draft.id, seller).catch((err: unknown) => err);
      expect(refused).to.be.instanceOf(Conflict);
      expect((await events.read(draft.id)).status).to.equal('draft');
    });
  });
});
