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
    description:
      'sold, refunded, gross, fee and net come from the tickets, computed as on the sales report (docs/domain.md, Sellers): sold = tickets valid or used, refunded = tickets refunded, gross and fee = amounts paid for the sold ones, net = gross − fee. held, free and waiting come from the event actors.',
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
      '`sold` counts tickets not refunded (valid or used); `timeline` is that figure per minute, raised by each sale and lowered by each refund at its time, so its last point equals `sold`. `cancellation` previews what cancelling now would give back: every ticket not yet refunded (valid or already checked in), how many refunds (one per payment) and the amount.',
    params: EventIdParams,
    responses: [{ status: 200, description: 'The sales report', schema: SalesReport }],
    errors: [commonErrors.badId, commonErrors.unauthenticated, commonErrors.notOwner, commonErrors.noEvent, commonErrors.unavailable],
  }),
  ordersCsv: endpoint({
    method: 'get',
    path: '/api/seller/events/:id/orders.csv',
    group: 'Sellers',
    access: 'owner',
    summary: "An event's orders and attendees as CSV",
    description:
      'One line per ticket, oldest first: order (payment) id, ticket id, buyer id and name, ticket type, price paid, discount and code, currency, status, purchased, checked in and refunded times. UTF-8 with a header line; fields that could be read as formulas by a spreadsheet are prefixed with an apostrophe.',
    params: EventIdParams,
    responses: [{ status: 200, description: 'The CSV file (Content-Disposition: attachment)', contentType: 'text/csv' }],
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
