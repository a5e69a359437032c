import { formatTicketCode } from '@queuetix/contracts/ticket-code';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatEventDate, formatMoney } from './format.js';

export interface PdfTicket {
  id: string;
  code: string;
  amount: number;
  currency: string;
  status: string;
  /** The ticket type's name, once events have several. */
  typeName?: string;
  /** "Ticket 2 of 3" when the page shows one ticket of a larger order. */
  label?: string;
}

export interface PdfEvent {
  name: string;
  location: string;
  eventDate: Date;
  timeZone?: string;
}

/**
 * The tickets of an order as a printable PDF: one A4 page per ticket with the event, date and place
 * in the venue's time zone, the holder, and the same QR code as on screen (it encodes the ticket's
 * unguessable code, nothing else), plus the code written out for door staff to type.
 */
export async function ticketsPdf(event: PdfEvent, holder: string, tickets: PdfTicket[]): Promise<Buffer> {
  const qrs = await Promise.all(tickets.map((t) => QRCode.toBuffer(t.code, { errorCorrectionLevel: 'M', margin: 2, width: 480 })));
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Tickets — ${event.name}`, Author: 'Queuetix' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  tickets.forEach((ticket, i) => {
    if (i > 0) doc.addPage();
    doc
      .fontSize(10)
      .fillColor('#555')
      .text(ticket.label ?? `Ticket ${i + 1} of ${tickets.length}`, { align: 'right' });
    doc.moveDown(0.5).fontSize(24).fillColor('#000').text(event.name);
    if (ticket.typeName) doc.fontSize(14).text(ticket.typeName);
    doc.moveDown(0.5).fontSize(12).text(formatEventDate(event.eventDate, event.timeZone));
    doc.text(event.location);
    doc.moveDown(0.5).text(`Holder: ${holder}`);
    doc.text(`Paid: ${formatMoney(ticket.amount, ticket.currency)}`);
    if (ticket.status !== 'valid') doc.fillColor('#b00').text(`Status: ${ticket.status.toUpperCase()} — not valid for entry`).fillColor('#000');
    doc.image(qrs[i]!, { fit: [260, 260], align: 'center' });
    doc.moveDown(0.5).fontSize(11).text('Show this code at the door. Staff scan it, or type the code below.', { align: 'left' });
    doc.font('Courier').fontSize(14).text(formatTicketCode(ticket.code)).font('Helvetica');
  });
  doc.end();
  return done;
}
