import type { CodeSales, TypeSales } from '@queuetix/contracts/seller';
import type { TicketType } from '@queuetix/contracts/ticket-types';
import type { CodeView } from '../queue/core/index.js';
import { LEGACY_TYPE_ID } from '../queue/core/ticket-types.js';
import type { TicketDoc } from '../tickets/ticket-doc.js';
import { salesFigures } from './sales-figures.js';

/**
 * The sales report's breakdowns (docs/domain.md, Sellers): per type, the one definition of the
 * figures applied to that type's tickets (a ticket from before types is of the legacy type); per
 * code, its uses as the actor counts them and what its tickets sold and were given off.
 */
export function salesByType(tickets: TicketDoc[], types: TicketType[], held: Map<string, number>): TypeSales[] {
  return types.map((type) => {
    const own = tickets.filter((t) => (t.typeId ?? LEGACY_TYPE_ID) === type.id);
    const { sold, refunded, gross, fee, net } = salesFigures(own);
    return { typeId: type.id, name: type.name, price: type.price, capacity: type.capacity, sold, refunded, held: held.get(type.id) ?? 0, gross, fee, net };
  });
}

export function salesByCode(tickets: TicketDoc[], codes: CodeView[]): CodeSales[] {
  return codes.map((code) => {
    const own = tickets.filter((t) => t.status !== 'refunded' && (t.discountCodeId === code.id || t.accessCodeId === code.id));
    const gross = own.reduce((sum, t) => sum + t.amount, 0);
    const discount = own.reduce((sum, t) => sum + (t.discountCodeId === code.id ? (t.discount ?? 0) : 0), 0);
    return { codeId: code.id, code: code.code, kind: code.kind, used: code.used, held: code.held, sold: own.length, gross, discount };
  });
}
