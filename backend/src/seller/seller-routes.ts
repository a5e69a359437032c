import { sellerApi } from '../api-docs/endpoints/seller.js';
import type { AppContext } from '../app-context.js';
import type { SellerEvent } from '@queuetix/contracts/seller';
import type { EventService } from '../events/event-service.js';
import { route, type Route } from '../http/route-table.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import { buyerLines, salesReport } from './sales-report.js';

/** The seller's dashboard (api.md, Sellers): own events with counts and revenue, sales, buyers. */
export function sellerRoutes(app: AppContext, events: EventService, tickets: TicketRepository): Route[] {
  const buyerNames = async (userIds: string[]) => {
    const users = await app.users.findByIds([...new Set(userIds)]);
    return new Map(users.map((u) => [u._id, u.name]));
  };

  return [
    route(sellerApi.events, async ({ user: seller, query }) => {
      const { items, total } = await events.listByOwner(seller._id, query.page, query.pageSize);
      const [json, revenue] = await Promise.all([events.toJsonList(items), tickets.revenueByEvent(items.map((e) => e._id))]);
      const rows: SellerEvent[] = json.map((event) => {
        const { gross, fee } = revenue.get(event.id) ?? { gross: 0, fee: 0 };
        const { sold, held, free, waiting } = event.availability;
        return { ...event, sold, held, free, waiting, gross, fee, net: gross - fee };
      });
      return { items: rows, total, page: query.page, pageSize: query.pageSize };
    }),

    route(sellerApi.sales, async ({ params: { id } }) => {
      const sold = await tickets.ofEvent(id);
      return salesReport(sold, await buyerNames(sold.map((t) => t.userId)));
    }),

    route(sellerApi.buyers, async ({ params: { id }, query }) => {
      const sold = await tickets.ofEvent(id);
      const lines = buyerLines(sold, await buyerNames(sold.map((t) => t.userId)));
      const start = (query.page - 1) * query.pageSize;
      return { items: lines.slice(start, start + query.pageSize), total: lines.length, page: query.page, pageSize: query.pageSize };
    }),
  ];
}
