import { formatTicketCode } from '@queuetix/contracts/ticket-code';
import { expect } from 'chai';
import { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';
import { createEvent, eventually, payOffer, sleep } from '../support/fixtures.js';
import { decodeQrPng, message, messagesTo, part, pdfText, qrCodesOfPdf, uniqueAddress } from './mailpit-client.js';
import { expectMessages, signInWithEmail } from './helpers.js';

describe('mail: order confirmation through a real SMTP server (Mailpit)', () => {
  let api: Api;
  let seller: Api;
  before(async () => {
    api = new Api((await sharedBackend()).url);
    ({ api: seller } = await api.signIn('Mail Seller', 'seller'));
  });

  async function buy(address: string, quantity: number, eventOverrides: Record<string, unknown> = {}) {
    const event = await createEvent(seller, { name: 'Mail Night', location: 'Concert Hall', price: 1500, totalTickets: 10, ...eventOverrides });
    const { api: buyer, user } = await signInWithEmail(api, 'Mail Buyer', address);
    const joined = await buyer.post(`/api/events/${event.id}/queue`, { quantity });
    expect(joined.status).to.equal(201);
    await eventually(async () => ((await buyer.get(`/api/events/${event.id}/queue/me`)).body.status === 'offered' ? true : undefined), 10_000, 'offer');
    const tickets = await payOffer(buyer, event.id);
    return { event, buyer, user, tickets };
  }

  it('sends one confirmation per paid order with every ticket: QR codes, the amount, a PDF and the .ics', async () => {
    const address = uniqueAddress('confirm');
    const { event, tickets } = await buy(address, 2);
    expect(tickets).to.have.length(2);
    const [summary] = await expectMessages(address, 1);
    const mail = await message(summary!.ID);

    expect(mail.Subject).to.equal('Your 2 tickets for Mail Night');
    expect(mail.Text).to.include('Concert Hall').and.include('Paid: US$30.00');
    for (const t of tickets) expect(mail.Text).to.include(formatTicketCode(t.code));
    expect(mail.HTML).to.include('<h1').and.include('Ticket 2 of 2');

    const pdfPart = mail.Attachments.find((a) => a.FileName === 'tickets.pdf');
    expect(pdfPart, 'tickets.pdf attached').to.exist;
    const pdf = await part(mail.ID, pdfPart!.PartID);
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    // One page per ticket, each with the QR of that ticket's code, as on screen.
    expect(qrCodesOfPdf(pdf)).to.deep.equal(tickets.map((t: any) => t.code));
    const text = pdfText(pdf);
    expect(text).to.include('Mail Night').and.include('Mail Buyer').and.include('Ticket 1 of 2');

    const icsPart = mail.Attachments.find((a) => a.FileName === 'event.ics');
    expect(icsPart, 'event.ics attached').to.exist;
    const ics = (await part(mail.ID, icsPart!.PartID)).toString();
    expect(ics).to.include('BEGIN:VEVENT').and.include('SUMMARY:Mail Night').and.include(`UID:${event.id}@queuetix`);

    // The inline QR images in the HTML decode to the codes too.
    const inline = [...mail.Inline, ...mail.Attachments].filter((p) => p.ContentType === 'image/png');
    const decoded = await Promise.all(inline.map(async (p) => decodeQrPng(await part(mail.ID, p.PartID))));
    expect(decoded.sort()).to.deep.equal(tickets.map((t: any) => t.code).sort());
  });

  it('does not send a confirmation twice when the payment is confirmed twice', async () => {
    const address = uniqueAddress('twice');
    const event = await createEvent(seller, { name: 'Twice Night', totalTickets: 5 });
    const { api: buyer } = await signInWithEmail(api, 'Twice Buyer', address);
    await buyer.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    await eventually(async () => ((await buyer.get(`/api/events/${event.id}/queue/me`)).body.status === 'offered' ? true : undefined), 10_000, 'offer');
    const { body } = await buyer.post(`/api/events/${event.id}/checkout`, { flow: 'site' });
    // A double click and a retry: one order, so one message.
    const answers = await Promise.all([1, 2, 3].map(() => buyer.post(`/api/demo-checkout/${body.sessionId}/complete`)));
    for (const res of answers) expect(res.status).to.equal(200);
    await expectMessages(address, 1);
    await sleep(1_500);
    expect(await messagesTo(address)).to.have.length(1);
  });

  it('serves each ticket as a PDF to its holder only', async () => {
    const address = uniqueAddress('pdf');
    const { buyer, tickets } = await buy(address, 2);
    const res = await fetch(`${api.baseUrl}/api/tickets/${tickets[1].id}/pdf`, { headers: { authorization: `Bearer ${buyer.token}` } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(qrCodesOfPdf(pdf)).to.deep.equal([tickets[1].code]);
    expect(pdfText(pdf)).to.include('Ticket 2 of 2');

    const { api: stranger } = await api.signIn('Stranger', 'buyer');
    const other = await stranger.get(`/api/tickets/${tickets[1].id}/pdf`);
    expect(other.status).to.equal(404);
    expect(other.body.error.code).to.equal('not_found');
    expect((await api.get(`/api/tickets/${tickets[1].id}/pdf`)).status).to.equal(401);
  });
});
