import { sellerApi } from '../api-docs/endpoints/seller.js';
import type { AppContext } from '../app-context.js';
import type { SellerEvent } from '@queuetix/contracts/seller';
import type { EventService } from '../events/event-service.js';
import { route, type Route } from '../http/route-table.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { TicketDoc } from '../tickets/ticket-doc.js';
import { codesOf } from '../queue/core/index.js';
import { typesOfDoc } from '../events/ticket-type-config.js';
import { salesByCode, salesByType } from './breakdown.js';
import { ordersCsv } from './orders-csv.js';
import { salesFigures } from './sales-figures.js';
import { buyerLines, namesOnTickets, salesReport } from './sales-report.js';

/** The seller's dashboard (api.md, Sellers): own events with counts and revenue, sales, buyers. */
export function sellerRoutes(app: AppContext, events: EventService, tickets: TicketRepository): Route[] {
  // Tickets keep the name their buyer bought under; only tickets stored before that was kept send
  // us to the users collection, whose `$in` the embedded FerretDB answers by reading every user.
  const buyerNames = async (sold: TicketDoc[]) => {
    const names = namesOnTickets(sold);
    const unnamed = [...new Set(sold.filter((t) => !names.has(t.userId)).map((t) => t.userId))];
    if (unnamed.length > 0) for (const user of await app.users.findByIds(unnamed)) names.set(user._id, user.name);
    return names;
  };

  return [
    route(sellerApi.events, async ({ user: seller, query }) => {
      const { items, total } = await events.listByOwner(seller._id, query.page, query.pageSize);
      const [json, ticketsOf] = await Promise.all([events.toJsonList(items), tickets.ofEvents(items.map((e) => e._id))]);
      // The figures come from the tickets, exactly as on the sales page; the queue gives the live counts.
      const rows: SellerEvent[] = json.map((event) => {
        const { sold, refunded, gross, fee, net } = salesFigures(ticketsOf.get(event.id) ?? []);
        const { held, free, waiting } = event.availability;
        return { ...event, sold, refunded, held, free, waiting, gross, fee, net };
      });
      return { items: rows, total, page: query.page, pageSize: query.pageSize };
    }),

    route(sellerApi.sales, async ({ params: { id } }) => {
      const [sold, doc, live] = await Promise.all([
        tickets.ofEvent(id),
        events.get(id),
        app.queues
          .read(id, (state) => ({ held: new Map(state.typeHeld), codes: codesOf(state) }))
          .catch(() => ({ held: new Map<string, number>(), codes: [] })),
      ]);
      const report = salesReport(sold, await buyerNames(sold));
      return { ...report, byType: salesByType(sold, typesOfDoc(doc), live.held), byCode: salesByCode(sold, live.codes) };
    }),

    route(sellerApi.ordersCsv, async ({ params: { id } }, ctx) => {
      const sold = await tickets.ofEvent(id);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('Content-Disposition', `attachment; filename="orders-${id}.csv"`);
      return ordersCsv(sold, await buyerNames(sold));
    }),

    route(sellerApi.buyers, async ({ params: { id }, query }) => {
      const sold = await tickets.ofEvent(id);
      const lines = buyerLines(sold, await buyerNames(sold));
      const start = (query.page - 1) * query.pageSize;
      return { items: lines.slice(start, start + query.pageSize), total: lines.length, page: query.page, pageSize: query.pageSize };
    }),
  ];
}
