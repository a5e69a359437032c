import { onScopeDispose, watch, type Ref } from 'vue';
import type { Entry, Event } from '@queuetix/contracts';
import { chime, markTab, notify } from '@/lib/turnSignals';

export const TURN_TITLE_PREFIX = '🔔 Your turn!';

/** While the buyer holds an offer for this event, the tab says so; when it starts, a chime and a notification. */
export function useTurnAlerts(entry: Ref<Entry | null | undefined>, event: Ref<Event>): void {
  let unmark: (() => void) | null = null;
  watch(
    () => (entry.value?.status === 'offered' ? (entry.value.offerId ?? entry.value.id) : null),
    (offer, previous) => {
      if (!offer) {
        unmark?.();
        unmark = null;
        return;
      }
      unmark ??= markTab(TURN_TITLE_PREFIX);
      if (offer === previous) return;
      const minutes = Math.round(event.value.offerWindowSec / 60);
      chime();
      notify(
        `Your turn: ${event.value.name}`,
        `Your tickets are held for ${minutes} minutes. Come back to ${event.value.price === 0 ? 'claim' : 'buy'} them.`,
        `queuetix-offer-${event.value.id}`,
      );
    },
    { immediate: true },
  );
  onScopeDispose(() => unmark?.());
}
