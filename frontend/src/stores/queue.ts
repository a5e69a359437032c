import { defineStore } from 'pinia';
import { reactive } from 'vue';
import type { CheckCodeResponse, CodeKind, Entry, OrderItem, PowMode } from '@queuetix/contracts';
import { api } from '@/api';

/** The buyer's own place in each event's line, kept live by `entry` pushes. */
export const useQueueStore = defineStore('queue', () => {
  const byEvent = reactive(new Map<string, Entry | null>());
  /** Codes the buyer applied on an event's page, checked by the server, sent with the join. */
  const codes = reactive(new Map<string, AppliedCodes>());

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

  /**
   * Joins with `want` (items per type, or a number of the first type); the event's applied codes go
   * with it. An event with proof-of-work on (or auto, while busy) first gets a challenge solved in a worker.
   */
  async function join(
    eventId: string,
    want: number | OrderItem[],
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
    const applied = codesFor(eventId);
    const body = {
      ...(typeof want === 'number' ? { quantity: want } : { items: want }),
      ...(applied.access ? { accessCode: applied.access.code } : {}),
      ...(applied.discount ? { discountCode: applied.discount.code } : {}),
    };
    const entry = await api.queue.join(eventId, body, { notifyByEmail, pow: proof });
    apply(entry);
    return entry;
  }

  /** Changes what a waiting entry asks for; its place in line is kept. */
  async function change(eventId: string, items: OrderItem[]): Promise<Entry> {
    const entry = await api.queue.change(eventId, items);
    apply(entry);
    return entry;
  }

  function codesFor(eventId: string): AppliedCodes {
    return codes.get(eventId) ?? remembered(eventId);
  }

  function keepCodes(eventId: string, applied: AppliedCodes): void {
    codes.set(eventId, applied);
    try {
      sessionStorage.setItem(`queuetix.codes.${eventId}`, JSON.stringify(applied));
    } catch {
      // Storage full or blocked: the codes still hold for this page.
    }
  }

  /** Checks a code with the server and keeps it (one access and one discount code at a time). */
  async function applyCode(eventId: string, code: string): Promise<CheckCodeResponse> {
    const checked = await api.codes.check(eventId, code);
    keepCodes(eventId, { ...codesFor(eventId), [checked.kind]: checked });
    return checked;
  }

  function removeCode(eventId: string, kind: CodeKind): void {
    const { [kind]: _removed, ...rest } = codesFor(eventId);
    keepCodes(eventId, rest);
  }

  async function leave(eventId: string): Promise<Entry> {
    const entry = await api.queue.leave(eventId);
    apply(entry);
    return entry;
  }

  /** Starts checkout for the live offer and goes to Stripe (or the demo page). */
  async function checkout(eventId: string): Promise<void> {
    // A discount code applied after joining goes with the checkout (the server applies it to the offer).
    const late = byEvent.get(eventId)?.discountCode ? undefined : codesFor(eventId).discount?.code;
    const { url } = await api.checkout.start(eventId, late);
    window.location.assign(url);
  }

  return { byEvent, apply, refresh, join, change, leave, checkout, codesFor, applyCode, removeCode };
});

export type AppliedCodes = Partial<Record<CodeKind, CheckCodeResponse>>;

/**
 * Codes applied on this tab survive a reload (sessionStorage): a buyer waiting for a type a code
 * unlocked still sees its name. The server checks them again on every join anyway.
 */
function remembered(eventId: string): AppliedCodes {
  try {
    const raw = sessionStorage.getItem(`queuetix.codes.${eventId}`);
    return raw ? (JSON.parse(raw) as AppliedCodes) : {};
  } catch {
    return {};
  }
}

export function isFinal(entry: Entry): boolean {
  return entry.status === 'purchased' || entry.status === 'expired' || entry.status === 'left';
}

export function isLive(entry: Entry | null | undefined): entry is Entry {
  return !!entry && (entry.status === 'waiting' || entry.status === 'offered');
}
