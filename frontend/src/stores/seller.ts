import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import type { AvailabilityMessage, RefundsMessage, SalesReport, SellerEvent, StripeStatusResponse } from '@queuetix/contracts';
import { api } from '@/api';

/** A seller's events, money, Stripe Connect status and cancellation progress. */
export const useSellerStore = defineStore('seller', () => {
  const events = ref<SellerEvent[]>([]);
  const stripe = ref<StripeStatusResponse | null>(null);
  const sales = reactive(new Map<string, SalesReport>());
  const refunds = reactive(new Map<string, { done: number; total: number }>());

  async function fetchEvents(): Promise<SellerEvent[]> {
    events.value = await api.seller.events();
    return events.value;
  }

  async function fetchSales(eventId: string): Promise<SalesReport> {
    const report = await api.seller.sales(eventId);
    sales.set(eventId, report);
    return report;
  }

  async function fetchStripeStatus(): Promise<StripeStatusResponse> {
    stripe.value = await api.seller.stripeStatus();
    return stripe.value;
  }

  /** Creates the Express account when there is none, then sends the seller to Stripe's onboarding. */
  async function startOnboarding(): Promise<void> {
    if (!stripe.value?.accountId) await api.seller.createStripeAccount();
    const { url } = await api.seller.accountLink();
    window.location.assign(url);
  }

  async function cancel(eventId: string): Promise<void> {
    const res = await api.events.cancel(eventId);
    applyRefunds({ eventId, ...res.refunds });
    const ev = events.value.find((e) => e.id === eventId);
    if (ev) ev.isCancelled = true;
  }

  /** Refund progress only moves forward: a push may overtake the cancel request's own (older) reply. */
  function applyRefunds(msg: RefundsMessage): void {
    const known = refunds.get(msg.eventId);
    if (known && known.done > msg.done) return;
    refunds.set(msg.eventId, { done: msg.done, total: Math.max(msg.total, known?.total ?? 0) });
  }

  /** Live counts during an on-sale; money is re-read from the server when sales move. */
  function applyAvailability(msg: AvailabilityMessage): boolean {
    const ev = events.value.find((e) => e.id === msg.eventId);
    if (!ev) return false;
    // The queue's count moving means tickets were sold; `sold` itself is the ticket figure (docs/domain.md,
    // Sellers), which the caller re-reads with the money rather than taking the queue's number.
    const soldChanged = ev.availability.sold !== msg.sold;
    Object.assign(ev, { held: msg.held, free: msg.free, waiting: msg.waiting });
    ev.availability = {
      total: msg.total,
      sold: msg.sold,
      held: msg.held,
      free: msg.free,
      waiting: msg.waiting,
      soldOut: msg.soldOut,
      salesOpen: msg.salesOpen,
      types: msg.types,
    };
    return soldChanged;
  }

  return { events, stripe, sales, refunds, fetchEvents, fetchSales, fetchStripeStatus, startOnboarding, cancel, applyRefunds, applyAvailability };
});
