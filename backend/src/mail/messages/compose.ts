import { formatTicketCode } from '@queuetix/contracts/ticket-code';
import type { Attachment } from 'nodemailer/lib/mailer/index.js';
import type { MailDoc } from '../outbox.js';
import { eventIcs } from '../event-ics.js';
import { countOf, escapeHtml, formatEventDate, formatMoney, formatTime } from '../format.js';
import { ticketsPdf, type PdfTicket } from '../ticket-pdf.js';
import { button, htmlPage, paragraph } from './layout.js';
import QRCode from 'qrcode';

/** What composing needs to read; mail/module.ts adapts the stores to it. */
export interface MailSources {
  publicUrl: string;
  user(userId: string): Promise<{ name: string; email?: string } | null>;
  event(eventId: string): Promise<{ id: string; ownerId: string; name: string; location: string; eventDate: Date; timeZone?: string } | null>;
  ticketsOfPayment(paymentId: string): Promise<PdfTicket[]>;
  /** The buyer who made a payment (from its tickets or its checkout session). */
  buyerOfPayment(paymentId: string): Promise<string | undefined>;
}

export interface ComposedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: Attachment[];
}

export type Composition = { mail: ComposedMail } | { skip: string };

/** Why a refund was made, per RefundReason of the queue core, in words for the buyer. */
const REFUND_REASONS: Record<string, string> = {
  event_cancelled: 'the event was cancelled',
  tickets_gone: 'your offer had ended and the tickets were gone by the time your payment arrived',
  over_limit: 'the order would have taken you over the most tickets one person may buy',
  already_paid: 'this offer had already been paid',
  no_offer: 'the payment matched no live offer',
};

/** Builds the message a stored outbox entry stands for, or says why there is no one to send it to. */
export async function compose(doc: MailDoc, sources: MailSources): Promise<Composition> {
  const event = await sources.event(doc.eventId);
  if (!event) return { skip: 'the event no longer exists' };
  const userId = doc.userId ?? (typeof doc.data.paymentId === 'string' ? await sources.buyerOfPayment(doc.data.paymentId) : undefined);
  if (!userId) return { skip: 'no recipient' };
  const user = await sources.user(userId);
  if (!user?.email) return { skip: 'the user has no email address' };
  const when = formatEventDate(event.eventDate, event.timeZone);
  const eventUrl = `${sources.publicUrl}/events/${encodeURIComponent(event.id)}`;
  const to = user.email;

  switch (doc.kind) {
    case 'order-confirmation': {
      const tickets = await sources.ticketsOfPayment(String(doc.data.paymentId));
      if (tickets.length === 0) return { skip: 'the payment has no tickets' };
      const paid = tickets.reduce((sum, t) => sum + t.amount, 0);
      const currency = tickets[0]!.currency;
      const ticketsUrl = `${sources.publicUrl}/tickets`;
      const qrs = await Promise.all(tickets.map((t) => QRCode.toBuffer(t.code, { errorCorrectionLevel: 'M', margin: 2, width: 240 })));
      const subject = tickets.length === 1 ? `Your ticket for ${event.name}` : `Your ${countOf(tickets.length, 'ticket', 'tickets')} for ${event.name}`;
      const lines = tickets.map((t, i) => `Ticket ${i + 1} of ${tickets.length}: ${formatTicketCode(t.code)}`);
      const text = [
        `Hello ${user.name},`,
        '',
        `You're going to ${event.name}.`,
        `When: ${when}`,
        `Where: ${event.location}`,
        `Paid: ${formatMoney(paid, currency)}`,
        '',
        ...lines,
        '',
        'Your tickets are attached as a PDF, and the event as a calendar file.',
        `My tickets: ${ticketsUrl}`,
      ].join('\n');
      const ticketHtml = tickets
        .map(
          (t, i) =>
            `<h2 style="font-size:17px;margin:24px 0 4px">Ticket ${i + 1} of ${tickets.length}</h2><img src="cid:qr-${i}@queuetix" width="200" height="200" alt="QR code of ticket ${i + 1}; its code is ${escapeHtml(formatTicketCode(t.code))}"><p style="font-family:monospace;font-size:16px">${escapeHtml(formatTicketCode(t.code))}</p>`,
        )
        .join('\n');
      const html = htmlPage(
        `You're going to ${event.name}`,
        `${paragraph(`Hello ${user.name},`)}
<dl><dt style="font-weight:600">When</dt><dd>${escapeHtml(when)}</dd><dt style="font-weight:600">Where</dt><dd>${escapeHtml(event.location)}</dd><dt style="font-weight:600">Paid</dt><dd>${escapeHtml(formatMoney(paid, currency))}</dd></dl>
${ticketHtml}
${paragraph('Your tickets are attached as a PDF to print, and the event as a calendar file.')}
${button(ticketsUrl, 'See my tickets')}`,
      );
      const pdf = await ticketsPdf(event, user.name, tickets);
      return {
        mail: {
          to,
          subject,
          text,
          html,
          attachments: [
            { filename: 'tickets.pdf', content: pdf, contentType: 'application/pdf' },
            { filename: 'event.ics', content: eventIcs(event, eventUrl), contentType: 'text/calendar; charset=utf-8' },
            ...qrs.map((content, i) => ({ filename: `ticket-${i + 1}.png`, content, contentType: 'image/png', cid: `qr-${i}@queuetix` })),
          ],
        },
      };
    }
    case 'your-turn': {
      const deadline = new Date(Number(doc.data.offerExpiresAt));
      const quantity = Number(doc.data.quantity ?? 1);
      const subject = `It's your turn: ${event.name}`;
      const text = [
        `Hello ${user.name},`,
        '',
        `It's your turn in the line for ${event.name}: ${countOf(quantity, 'ticket is', 'tickets are')} held for you.`,
        `Pay before ${formatTime(deadline, event.timeZone)} or they go to the next person in line.`,
        '',
        `Go to your offer: ${eventUrl}`,
      ].join('\n');
      const html = htmlPage(
        `It's your turn: ${event.name}`,
        `${paragraph(`Hello ${user.name},`)}
${paragraph(`${countOf(quantity, 'ticket is', 'tickets are')} held for you. Pay before ${formatTime(deadline, event.timeZone)} or they go to the next person in line.`)}
${button(eventUrl, 'Go to my offer')}`,
      );
      return { mail: { to, subject, text, html, attachments: [] } };
    }
    case 'refund-notice': {
      const amount = Number(doc.data.amount);
      const currency = String(doc.data.currency);
      const why = REFUND_REASONS[String(doc.data.reason)] ?? 'of a problem with your order';
      const money = formatMoney(amount, currency);
      const subject = `Refund of ${money}: ${event.name}`;
      const text = [
        `Hello ${user.name},`,
        '',
        `We refunded ${money} for ${event.name} (${when}) because ${why}.`,
        'It reaches your card within 5–10 business days, depending on your bank.',
      ].join('\n');
      const html = htmlPage(
        subject,
        `${paragraph(`Hello ${user.name},`)}${paragraph(`We refunded ${money} for ${event.name} (${when}) because ${why}.`)}${paragraph('It reaches your card within 5–10 business days, depending on your bank.')}`,
      );
      return { mail: { to, subject, text, html, attachments: [] } };
    }
    case 'event-cancelled': {
      const refunded = Number(doc.data.refundedTickets ?? 0);
      const subject = `${event.name} is cancelled and every buyer refunded`;
      const summary = `Your event ${event.name} (${when}) is cancelled. ${countOf(refunded, 'ticket was', 'tickets were')} refunded in full; nothing is left to refund.`;
      const text = [`Hello ${user.name},`, '', summary].join('\n');
      const html = htmlPage(subject, `${paragraph(`Hello ${user.name},`)}${paragraph(summary)}`);
      return { mail: { to, subject, text, html, attachments: [] } };
    }
  }
}
