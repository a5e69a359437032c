import Router from '@koa/router';
import type { AppContext } from '../app-context.js';
import { requireSeller } from '../auth/guards.js';
import { EventIdParams } from '@queuetix/contracts/events';
import { SellerBuyersQuery, SellerEventsQuery, type SellerEvent } from '@queuetix/contracts/seller';
import type { EventService } from '../events/event-service.js';
import { parse } from '../http/validate.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import { buyerLines, salesReport } from './sales-report.js';

/** The seller's dashboard (api.md, Sellers): own events with counts and revenue, sales, buyers. */
export function sellerRoutes(app: AppContext, events: EventService, tickets: TicketRepository): Router {
  const router = new Router({ prefix: '/api/seller/events' });

  const buyerNames = async (userIds: string[]) => {
    const users = await app.users.findByIds([...new Set(userIds)]);
    return new Map(users.map((u) => [u._id, u.name]));
  };

  router.get('/', async (ctx) => {
    const seller = await requireSeller(ctx, app);
    const query = parse(SellerEventsQuery, ctx.query, 'query');
    const { items, total } = await events.listByOwner(seller._id, query.page, query.pageSize);
    const [json, revenue] = await Promise.all([events.toJsonList(items), tickets.revenueByEvent(items.map((e) => e._id))]);
    const rows: SellerEvent[] = json.map((event) => {
      const { gross, fee } = revenue.get(event.id) ?? { gross: 0, fee: 0 };
      const { sold, held, free, waiting } = event.availability;
      return { ...event, sold, held, free, waiting, gross, fee, net: gross - fee };
    });
    ctx.body = { items: rows, total, page: query.page, pageSize: query.pageSize };
  });

  router.get('/:id/sales', async (ctx) => {
    const { id } = parse(EventIdParams, ctx.params, 'event id');
    const seller = await requireSeller(ctx, app);
    await events.getOwned(id, seller._id);
    const sold = await tickets.ofEvent(id);
    ctx.body = salesReport(sold, await buyerNames(sold.map((t) => t.userId)));
  });

  router.get('/:id/buyers', async (ctx) => {
    const { id } = parse(EventIdParams, ctx.params, 'event id');
    const seller = await requireSeller(ctx, app);
    const query = parse(SellerBuyersQuery, ctx.query, 'query');
    await events.getOwned(id, seller._id);
    const sold = await tickets.ofEvent(id);
    const lines = buyerLines(sold, await buyerNames(sold.map((t) => t.userId)));
    const start = (query.page - 1) * query.pageSize;
    ctx.body = { items: lines.slice(start, start + query.pageSize), total: lines.length, page: query.page, pageSize: query.pageSize };
  });

  return router;
}
