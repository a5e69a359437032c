import { LEGACY_TYPE_ID, LEGACY_TYPE_NAME } from '../queue/core/ticket-types.js';
import type { TicketDoc } from '../tickets/ticket-doc.js';

const HEADER = [
  'order_id',
  'ticket_id',
  'buyer_id',
  'buyer_name',
  'ticket_type_id',
  'ticket_type',
  'amount',
  'discount',
  'discount_code',
  'currency',
  'status',
  'purchased_at',
  'checked_in_at',
  'refunded_at',
];

/**
 * A spreadsheet-safe CSV field: quoted when it holds a separator, quote or line break; a leading
 * =, +, - or @ (a formula to Excel and friends) is neutralised with an apostrophe (OWASP CSV injection).
 */
export function csvField(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Orders and attendees (docs/domain.md, Sellers): one line per ticket, oldest purchase first. */
export function ordersCsv(tickets: TicketDoc[], names: Map<string, string>): string {
  const lines = [HEADER.join(',')];
  const sorted = [...tickets].sort((a, b) => a.purchasedAt.getTime() - b.purchasedAt.getTime() || a.paymentId.localeCompare(b.paymentId) || a.seq - b.seq);
  for (const t of sorted) {
    lines.push(
      [
        t.paymentId,
        t._id,
        t.userId,
        names.get(t.userId) ?? '',
        t.typeId ?? LEGACY_TYPE_ID,
        t.typeName ?? LEGACY_TYPE_NAME,
        t.amount,
        t.discount ?? 0,
        t.discountCode,
        t.currency,
        t.status,
        t.purchasedAt.toISOString(),
        t.usedAt?.toISOString(),
        t.refundedAt?.toISOString(),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
