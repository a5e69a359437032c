import { expect } from 'chai';
import http from 'node:http';
import { MongoClient } from 'mongodb';
import type { Api } from '../support/api.js';
import { sharedBackend, type Backend } from '../support/backend.js';
import { createEvent } from '../support/fixtures.js';
import { imageForm, jpeg, png, webp } from './images.js';
import { sellerAndBuyer } from './support.js';

describe('events: image upload and serving', () => {
  let backend: Backend;
  let anon: Api;
  let seller: Api;
  let buyer: Api;
  let mongo: MongoClient;
  before(async () => {
    backend = await sharedBackend();
    ({ anon, seller, buyer } = await sellerAndBuyer(backend.url, 'images'));
    mongo = await new MongoClient(process.env.QUEUETIX_TEST_MONGODB_URL!).connect();
  });
  after(() => mongo.close());

  const storedImages = (eventId: string) => mongo.db(backend.dbName).collection('images.files').countDocuments({ 'metadata.eventId': eventId });
  const bytesOf = async (url: string, headers: Record<string, string> = {}) => {
    const res = await fetch(backend.url + url, { headers });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('stores a PNG from the owner and serves it with its type, an ETag and long caching for the versioned URL', async () => {
    const event = await createEvent(seller);
    const res = await seller.post(`/api/events/${event.id}/image`, imageForm(png));
    expect(res.status).to.equal(200);
    expect(res.body.imageUrl).to.match(new RegExp(`^/api/events/${event.id}/image\\?v=[0-9a-f]{24}$`));
    expect((await anon.get(`/api/events/${event.id}`)).body.imageUrl).to.equal(res.body.imageUrl);

    const { res: served, bytes } = await bytesOf(res.body.imageUrl);
    expect(served.status).to.equal(200);
    expect(served.headers.get('content-type')).to.equal('image/png');
    expect(served.headers.get('cache-control')).to.match(/immutable/);
    expect(bytes.equals(png)).to.equal(true);
    const etag = served.headers.get('etag')!;
    expect(etag).to.match(/^"[0-9a-f]{24}"$/);
    // node:http, since fetch() adds "Cache-Control: no-cache" to conditional requests, which rightly forbids a 304.
    const again = await new Promise<number>((resolve, reject) =>
      http
        .get(`${backend.url}/api/events/${event.id}/image`, { headers: { 'if-none-match': etag } }, (r) => resolve(r.resume().statusCode!))
        .on('error', reject),
    );
    expect(again).to.equal(304);
    const unversioned = await fetch(`${backend.url}/api/events/${event.id}/image`);
    expect(unversioned.headers.get('cache-control')).to.match(/no-cache/);
  });

  it('accepts JPEG and WebP, typed by their bytes whatever the name and Content-Type claim', async () => {
    for (const [bytes, mime] of [
      [jpeg, 'image/jpeg'],
      [webp, 'image/webp'],
    ] as const) {
      const event = await createEvent(seller);
      const res = await seller.post(`/api/events/${event.id}/image`, imageForm(bytes, 'misleading.png', 'image/png'));
      expect(res.status, mime).to.equal(200);
      const { res: served, bytes: body } = await bytesOf(res.body.imageUrl);
      expect(served.headers.get('content-type'), mime).to.equal(mime);
      expect(body.equals(bytes), mime).to.equal(true);
    }
  });

  it('replaces the image and deletes the old one', async () => {
    const event = await createEvent(seller);
    const first = (await seller.post(`/api/events/${event.id}/image`, imageForm(png))).body.imageUrl;
    const second = (await seller.post(`/api/events/${event.id}/image`, imageForm(jpeg, 'b.jpg', 'image/jpeg'))).body.imageUrl;
    expect(second).not.to.equal(first);
    expect(await storedImages(event.id)).to.equal(1);
    const { res } = await bytesOf(`/api/events/${event.id}/image`);
    expect(res.headers.get('content-type')).to.equal('image/jpeg');
  });

  it('refuses an image over 5 MB with 413 and keeps the old one', async () => {
    const event = await createEvent(seller);
    const kept = (await seller.post(`/api/events/${event.id}/image`, imageForm(png))).body.imageUrl;
    const big = Buffer.concat([png, Buffer.alloc(6 * 1024 * 1024)]);
    const res = await seller.post(`/api/events/${event.id}/image`, imageForm(big));
    expect(res.status).to.equal(413);
    expect(res.body.error.code).to.equal('payload_too_large');
    expect((await anon.get(`/api/events/${event.id}`)).body.imageUrl).to.equal(kept);
    expect(await storedImages(event.id)).to.equal(1);
  });

  it('refuses files that are not JPEG, PNG or WebP with 415, whatever they claim to be', async () => {
    const event = await createEvent(seller);
    const fakes: [Buffer, string, string][] = [
      [Buffer.from('just some text pretending to be an image\n'.repeat(20)), 'photo.png', 'image/png'],
      [Buffer.from('<html><script>alert(1)</script></html>'), 'photo.jpg', 'image/jpeg'],
      [Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'anim.webp', 'image/webp'],
      [Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n', 'latin1'), 'doc.png', 'image/png'],
    ];
    for (const [bytes, name, type] of fakes) {
      const res = await seller.post(`/api/events/${event.id}/image`, imageForm(bytes, name, type));
      expect(res.status, name).to.equal(415);
      expect(res.body.error.code, name).to.equal('unsupported_media_type');
    }
    expect((await anon.get(`/api/events/${event.id}`)).body.imageUrl).to.equal(null);
    expect(await storedImages(event.id)).to.equal(0);
  });

  it('refuses uploads that are not one multipart file in the field "image"', async () => {
    const event = await createEvent(seller);
    const json = await seller.post(`/api/events/${event.id}/image`, { image: png.toString('base64') });
    expect(json.status).to.equal(415);
    const wrongField = await seller.post(`/api/events/${event.id}/image`, imageForm(png, 'a.png', 'image/png', 'picture'));
    expect(wrongField.status).to.equal(400);
    expect(wrongField.body.error.message).to.match(/image/);
    const empty = await seller.post(`/api/events/${event.id}/image`, imageForm(Buffer.alloc(0)));
    expect(empty.status).to.equal(400);
    const twoFiles = imageForm(png);
    twoFiles.append('image', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'b.png');
    expect((await seller.post(`/api/events/${event.id}/image`, twoFiles)).status).to.equal(400);
    const broken = await seller.request(
      'POST',
      `/api/events/${event.id}/image`,
      '--xyz\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\n\r\nabc',
      {
        'content-type': 'multipart/form-data; boundary=xyz',
      },
    );
    expect(broken.status).to.equal(400);
    expect((await anon.get(`/api/events/${event.id}`)).body.imageUrl).to.equal(null);
  });

  it('lets only the owner upload: 401 anonymous, 403 others, 404 unknown event', async () => {
    const event = await createEvent(seller);
    expect((await anon.post(`/api/events/${event.id}/image`, imageForm(png))).status).to.equal(401);
    expect((await buyer.post(`/api/events/${event.id}/image`, imageForm(png))).status).to.equal(403);
    const other = (await anon.signIn('Other Image Seller', 'seller')).api;
    expect((await other.post(`/api/events/${event.id}/image`, imageForm(png))).status).to.equal(403);
    expect((await seller.post('/api/events/ev_nosuchevent/image', imageForm(png))).status).to.equal(404);
    expect(await storedImages(event.id)).to.equal(0);
  });

  it('answers 404 for an event without an image', async () => {
    const event = await createEvent(seller);
    const res = await anon.get(`/api/events/${event.id}/image`);
    expect(res.status).to.equal(404);
    expect(res.body.error.code).to.equal('not_found');
  });
});
