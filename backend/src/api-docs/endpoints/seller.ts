import { EventIdParams } from '@queuetix/contracts/events';
import { SalesReport, SellerBuyerList, SellerBuyersQuery, SellerEventList, SellerEventsQuery } from '@queuetix/contracts/seller';
import { commonErrors, endpoint, type Endpoint } from '../endpoint.js';

export const sellerApi = {
  events: endpoint({
    method: 'get',
    path: '/api/seller/events',
    group: 'Sellers',
    access: 'seller',
    summary: 'My events with sold / held / free / waiting and gross / fee / net',
    description: 'Counts come from the event actors; money from tickets, i.e. amounts actually paid: gross and fee of tickets not refunded, net = gross − fee.',
    query: SellerEventsQuery,
    responses: [{ status: 200, description: 'A page of my events, by date', schema: SellerEventList }],
    errors: [commonErrors.badQuery, commonErrors.unauthenticated, commonErrors.notSeller, commonErrors.unavailable],
  }),
  sales: endpoint({
    method: 'get',
    path: '/api/seller/events/:id/sales',
    group: 'Sellers',
    access: 'owner',
    summary: "An event's sales: money, counts, sold over time, and each ticket's buyer",
    description:
      '`timeline` counts tickets as they were sold, cumulatively per minute; `sold` counts tickets not refunded. `cancellation` previews what cancelling now would give back: every ticket not yet refunded (valid or already checked in), how many refunds (one per payment) and the amount.',
    params: EventIdParams,
    responses: [{ status: 200, description: 'The sales report', schema: SalesReport }],
    errors: [commonErrors.badId, commonErrors.unauthenticated, commonErrors.notOwner, commonErrors.noEvent, commonErrors.unavailable],
  }),
  buyers: endpoint({
    method: 'get',
    path: '/api/seller/events/:id/buyers',
    group: 'Sellers',
    access: 'owner',
    summary: "An event's buyers, one line each, latest purchase first",
    params: EventIdParams,
    query: SellerBuyersQuery,
    responses: [{ status: 200, description: 'A page of buyers', schema: SellerBuyerList }],
    errors: [commonErrors.badId, commonErrors.badQuery, commonErrors.unauthenticated, commonErrors.notOwner, commonErrors.noEvent, commonErrors.unavailable],
  }),
};

export const sellerEndpoints: Endpoint[] = Object.values(sellerApi);
