import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Ticket } from '@queuetix/contracts';
import { api } from '@/api';

/** The buyer's tickets; `ticket` pushes add newly issued ones without a reload. */
export const useTicketsStore = defineStore('tickets', () => {
  const list = ref<Ticket[]>([]);
  const loaded = ref(false);

  function apply(ticket: Ticket): void {
    const i = list.value.findIndex((t) => t.id === ticket.id);
    if (i >= 0) list.value[i] = { ...list.value[i], ...ticket, event: ticket.event ?? list.value[i]!.event };
    else list.value.unshift(ticket);
  }

  async function fetchMine(): Promise<Ticket[]> {
    const tickets = await api.tickets.mine();
    list.value = tickets;
    loaded.value = true;
    return tickets;
  }

  async function fetchOne(ticketId: string): Promise<Ticket> {
    const ticket = await api.tickets.get(ticketId);
    apply(ticket);
    return ticket;
  }

  const byId = (ticketId: string) => list.value.find((t) => t.id === ticketId);
  const forEvent = (eventId: string) => list.value.filter((t) => t.eventId === eventId);

  const eventTime = (t: Ticket) => (t.event ? new Date(t.event.eventDate).getTime() : new Date(t.purchasedAt).getTime());
  const upcoming = computed(() => list.value.filter((t) => eventTime(t) >= Date.now()).sort((a, b) => eventTime(a) - eventTime(b)));
  const past = computed(() => list.value.filter((t) => eventTime(t) < Date.now()).sort((a, b) => eventTime(b) - eventTime(a)));

  return { list, loaded, apply, fetchMine, fetchOne, byId, forEvent, upcoming, past };
});
