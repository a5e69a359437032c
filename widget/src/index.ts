/**
 * Entry of widget.js: defines <queuetix-ticket-widget>. Organisers add
 *   <script type="module" src="https://QUEUETIX_HOST/widget.js"></script>
 *   <queuetix-ticket-widget event="EVENT_ID"></queuetix-ticket-widget>
 */
export { QueuetixTicketWidget } from './ticket-widget/ticket-widget.js';
export type {
  QueuetixErrorDetail,
  QueuetixEventMap,
  QueuetixJoinedDetail,
  QueuetixOfferDetail,
  QueuetixPurchasedDetail,
} from './ticket-widget/ticket-widget.events.js';
export type { WidgetErrorCode } from './api/errors.js';
