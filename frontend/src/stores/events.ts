import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import type { AvailabilityMessage, CreateEventRequest, Event, UpdateEventRequest } from '@queuetix/contracts';
import { api, type EventSearch, type Page } from '@/api';

/** Events the buyer has looked at, kept live by `availability` pushes. */
export const useEventsStore = defineStore('events', () => {
  const byId = reactive(new Map<string, Event>());
  const results = ref<Page<Event> | null>(null);
  const upcoming = ref<Event[]>([]);
  let searchAbort: AbortController | null = null;

  function remember(ev: Event): Event {
    byId.set(ev.id, ev);
    return byId.get(ev.id)!;
  }

  async function fetch(eventId: string): Promise<Event> {
    return remember(await api.events.get(eventId));
  }

  /** Latest search wins: an older, slower answer never overwrites a newer one. */
  async function search(query: EventSearch): Promise<Page<Event>> {
    searchAbort?.abort();
    searchAbort = new AbortController();
    const page = await api.events.search(query, searchAbort.signal);
    page.items.forEach(remember);
    results.value = page;
    return page;
  }

  async function loadUpcoming(): Promise<Event[]> {
    const page = await api.events.search({ from: new Date().toISOString(), pageSize: 9 });
    page.items.forEach(remember);
    upcoming.value = page.items;
    return page.items;
  }

  function applyAvailability(msg: AvailabilityMessage): void {
    const { eventId, ...availability } = msg;
    const ev = byId.get(eventId);
    if (ev) ev.availability = availability;
    for (const list of [upcoming.value, results.value?.items ?? []]) {
      const hit = list.find((e) => e.id === eventId);
      if (hit && hit !== ev) hit.availability = availability;
    }
  }

  async function create(body: CreateEventRequest): Promise<Event> {
    return remember(await api.events.create(body));
  }

  async function update(eventId: string, body: UpdateEventRequest): Promise<Event> {
    return remember(await api.events.update(eventId, body));
  }

  return { byId, results, upcoming, fetch, search, loadUpcoming, applyAvailability, create, update };
});
