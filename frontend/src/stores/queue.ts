import { defineStore } from 'pinia';
import { reactive } from 'vue';
import type { Entry, PowMode } from '@queuetix/contracts';
import { api } from '@/api';

/** The buyer's own place in each event's line, kept live by `entry` pushes. */
export const useQueueStore = defineStore('queue', () => {
  const byEvent = reactive(new Map<string, Entry | null>());

  function apply(entry: Entry): void {
    const known = byEvent.get(entry.eventId);
    // Pushes may arrive out of order with our own replies; a different (newer) entry always wins.
    if (known && known.id === entry.id && known.status !== entry.status && isFinal(known) && !isFinal(entry)) return;
    byEvent.set(entry.eventId, entry);
  }

  async function refresh(eventId: string): Promise<Entry | null> {
    const entry = await api.queue.mine(eventId);
    if (entry) apply(entry);
    else byEvent.set(eventId, null);
    return entry;
  }

  /** Joins; an event with proof-of-work on (or auto, while busy) first gets a challenge solved in a worker. */
  async function join(
    eventId: string,
    quantity: number,
    notifyByEmail = false,
    pow?: { mode: PowMode; onProgress: (fraction: number) => void },
  ): Promise<Entry> {
    let proof: string | undefined;
    if (pow && pow.mode !== 'off') {
      const challenge = await api.queue.challenge(eventId);
      if (challenge.required) {
        pow.onProgress(0);
        const { solveInWorker } = await import('@/lib/proofOfWork');
        proof = await solveInWorker(challenge, pow.onProgress);
      }
    }
    const entry = await api.queue.join(eventId, quantity, { notifyByEmail, pow: proof });
    apply(entry);
    return entry;
  }

  async function leave(eventId: string): Promise<Entry> {
    const entry = await api.queue.leave(eventId);
    apply(entry);
    return entry;
  }

  /** Starts checkout for the live offer and goes to Stripe (or the demo page). */
  async function checkout(eventId: string): Promise<void> {
    const { url } = await api.checkout.start(eventId);
    window.location.assign(url);
  }

  return { byEvent, apply, refresh, join, leave, checkout };
});

export function isFinal(entry: Entry): boolean {
  return entry.status === 'purchased' || entry.status === 'expired' || entry.status === 'left';
}

export function isLive(entry: Entry | null | undefined): entry is Entry {
  return !!entry && (entry.status === 'waiting' || entry.status === 'offered');
}
