import { onScopeDispose, ref } from 'vue';

/** A clock that ticks every `intervalMs` while the component lives (for countdowns). */
export function useNow(intervalMs = 1000) {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), intervalMs);
  onScopeDispose(() => clearInterval(timer));
  return now;
}
