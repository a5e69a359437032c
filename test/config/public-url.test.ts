import { expect } from 'chai';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent } from '../support/fixtures.js';
import { freePort } from '../e2e/site-browser.js';

/** The demo checkout link a buyer with a live offer is sent to. */
async function checkoutLink(backend: Backend): Promise<string> {
  const api = new Api(backend.url);
  const seller = (await api.signIn('Link Seller', 'seller')).api;
  const event = await createEvent(seller, { totalTickets: 2 });
  const buyer = (await api.signIn('Link Buyer')).api;
  expect((await buyer.post(`/api/events/${event.id}/queue`, { quantity: 1 })).body.status).to.equal('offered');
  const checkout = await buyer.post(`/api/events/${event.id}/checkout`, { flow: 'site' });
  expect(checkout.status, JSON.stringify(checkout.body)).to.equal(200);
  return checkout.body.url;
}

describe('config: PUBLIC_URL follows the address the server listens on', function () {
  this.timeout(60_000);
  const started: Backend[] = [];
  after(async () => Promise.all(started.map((b) => b.stop())));
  const start = async (env: Record<string, string>) => {
    const backend = await startBackend({ label: 'public-url', env });
    started.push(backend);
    return backend;
  };

  it('defaults to the port picked at start (PORT=0), so the links it hands out lead back to it', async () => {
    const backend = await start({ PORT: '0' });
    const link = await checkoutLink(backend);
    expect(link.startsWith(`${backend.url}/demo-checkout/`), link).to.equal(true);
    expect((await fetch(link)).status).to.equal(200);
  });

  it('defaults to a changed PORT', async () => {
    const port = await freePort();
    const backend = await start({ PORT: String(port) });
    expect(backend.url).to.equal(`http://127.0.0.1:${port}`);
    expect(await checkoutLink(backend)).to.match(new RegExp(`^http://127\\.0\\.0\\.1:${port}/demo-checkout/`));
  });

  it('refuses to start, naming both, when PUBLIC_URL points at another port of this machine', async () => {
    const port = await freePort();
    const failure = await startBackend({ label: 'public-url-mismatch', env: { PORT: String(port), PUBLIC_URL: 'http://localhost:3999' } }).then(
      (b) => (started.push(b), undefined),
      (err: Error) => err,
    );
    expect(failure?.message).to.match(/exited before listening \(code 78\)/);
    expect(failure?.message).to.contain(`PUBLIC_URL (http://localhost:3999) points at port 3999 of this machine, but the server listens on PORT=${port}`);
    expect(failure?.message).to.contain(`PUBLIC_URL=http://localhost:${port}`);
  });

  it('accepts another port behind a proxy (TRUST_PROXY=true) or on another host', async () => {
    const proxied = await start({ PORT: String(await freePort()), PUBLIC_URL: 'http://localhost:8080', TRUST_PROXY: 'true' });
    expect(await checkoutLink(proxied)).to.match(/^http:\/\/localhost:8080\/demo-checkout\//);
    const hosted = await start({ PORT: String(await freePort()), PUBLIC_URL: 'https://tickets.example.com' });
    expect(await checkoutLink(hosted)).to.match(/^https:\/\/tickets\.example\.com\/demo-checkout\//);
  });
});
