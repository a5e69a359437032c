/**
 * Issue 13, point 6: the buyer's turn comes while their tab is in the background. The tab's title
 * and icon change, a chime plays (unless they turned it off), and a notification shows if they
 * allowed it — permission is asked when joining, never before. The lottery screen no longer
 * promises that they can close the page.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { Api } from '../support/api.js';
import { createEvent, inDays } from '../support/fixtures.js';
import { saveFailureScreens, signIn } from './site-browser.js';
import { startSite, type Site } from './site-setup.js';

/**
 * Stand-ins the page cannot tell from the real thing: a tab that can be "hidden", a notification
 * log, a chime counter. Plain JavaScript in a string: a compiled function could carry helpers
 * (tsx's __name) that do not exist in the page.
 */
const instrument = `
  window.__hidden = false;
  window.__asked = 0;
  window.__notes = [];
  window.__tones = 0;
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => window.__hidden });
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (window.__hidden ? 'hidden' : 'visible') });
  let permission = 'default';
  window.Notification = class {
    static get permission() { return permission; }
    static async requestPermission() { window.__asked += 1; permission = 'granted'; return permission; }
    constructor(title, options) { window.__notes.push({ title, body: options && options.body }); this.onclick = null; }
    close() {}
  };
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args) { window.__tones += 1; return start.apply(this, args); };
`;

describe('site: your turn while the tab is in the background', function () {
  this.timeout(90_000);
  let site: Site;
  let buyer: Page;
  let first: Api;
  let eventId = '';
  let lotteryId = '';

  before(async () => {
    site = await startSite('turn-alerts-e2e');
    const seller = (await site.api.signIn('Alert Seller', 'seller')).api;
    eventId = (await createEvent(seller, { name: 'Background Tab Blues', totalTickets: 1, maxPerBuyer: 1 })).id;
    lotteryId = (await createEvent(seller, { name: 'Lottery Later', eventDate: inDays(20), salesStartAt: inDays(2) })).id;
    first = (await site.api.signIn('First In Line', 'buyer')).api;
    expect((await first.post(`/api/events/${eventId}/queue`, { quantity: 1 })).body.status).to.equal('offered');
    buyer = await site.person();
    await buyer.addInitScript({ content: instrument });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await saveFailureScreens({ buyer }, this.currentTest.title);
  });
  after(async () => site?.stop());

  const probe = () =>
    buyer.evaluate(() => {
      const w = window as unknown as { __asked: number; __notes: { title: string; body?: string }[]; __tones: number };
      return {
        asked: w.__asked,
        notes: w.__notes,
        tones: w.__tones,
        title: document.title,
        icon: document.querySelector<HTMLLinkElement>('link[rel="icon"]')!.href,
      };
    });

  it('asks for notifications when the buyer joins, not before', async () => {
    await signIn(buyer, 'Patient Buyer', 'buyer', `/events/${eventId}`);
    await buyer.getByTestId('join').waitFor();
    expect((await probe()).asked).to.equal(0);
    await buyer.getByTestId('join').click();
    await buyer.getByTestId('position').waitFor();
    expect((await probe()).asked).to.equal(1);
    expect(await buyer.getByTestId('sound-toggle').getAttribute('aria-pressed')).to.equal('true');
  });

  it('changes the title and icon, chimes and notifies when the turn comes in a hidden tab; all undone after', async () => {
    const before = await probe();
    expect(before.title).not.to.match(/Your turn/);
    await buyer.evaluate(() => ((window as unknown as { __hidden: boolean }).__hidden = true));
    await first.delete(`/api/events/${eventId}/queue/me`);
    await buyer.getByTestId('offer').waitFor();
    await buyer.waitForFunction(() => document.title.startsWith('🔔 Your turn!'));
    const during = await probe();
    expect(during.title).to.equal('🔔 Your turn! Background Tab Blues · Queuetix');
    expect(during.icon).to.match(/^data:image\/svg\+xml/);
    expect(during.tones).to.equal(2);
    expect(during.notes).to.deep.equal([{ title: 'Your turn: Background Tab Blues', body: 'Your tickets are held for 10 minutes. Come back to buy them.' }]);

    await buyer.getByTestId('give-back').click();
    await buyer.getByRole('alertdialog').getByRole('button', { name: 'Give it back' }).click();
    await buyer.getByTestId('gave-back').waitFor();
    const after = await probe();
    expect(after.title).to.equal('Background Tab Blues · Queuetix');
    expect(after.icon).to.equal(before.icon);
  });

  it('stays silent once the buyer turns the sound off', async () => {
    await buyer.evaluate(() => ((window as unknown as { __hidden: boolean }).__hidden = false));
    await first.post(`/api/events/${eventId}/queue`, { quantity: 1 }); // first takes the ticket back, then our buyer waits
    await buyer.getByTestId('join').click();
    await buyer.getByTestId('sound-toggle').click();
    expect(await buyer.getByTestId('sound-toggle').getAttribute('aria-pressed')).to.equal('false');
    const tones = (await probe()).tones;
    await first.delete(`/api/events/${eventId}/queue/me`);
    await buyer.getByTestId('offer').waitFor();
    await buyer.waitForFunction(() => document.title.startsWith('🔔'));
    expect((await probe()).tones).to.equal(tones);
    expect(await buyer.evaluate(() => localStorage.getItem('queuetix.turnSound'))).to.equal('off');
  });

  it('does not tell a lottery entrant they can close the page', async () => {
    await buyer.goto(`/events/${lotteryId}`);
    await buyer.getByTestId('join').click();
    const card = buyer.getByTestId('waiting');
    await card.filter({ hasText: 'early-arrival lottery' }).waitFor();
    const text = await card.innerText();
    expect(text).not.to.match(/close this page/i);
    expect(text).to.match(/keep this page open/i);
  });
});
