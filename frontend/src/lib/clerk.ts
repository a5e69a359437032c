import type { App } from 'vue';
import { api } from '@/api';
import { useAuthStore } from '@/stores/auth';
import { reconnectSocket } from '@/composables/useSocket';

/**
 * Clerk auth mode only (loaded on demand, so dev mode never downloads @clerk/vue): installs the
 * plugin, waits for clerk-js, and mirrors the Clerk user into the auth store (role from /api/me).
 */
export async function installClerk(app: App, publishableKey: string): Promise<void> {
  const { clerkPlugin } = await import('@clerk/vue');
  app.use(clerkPlugin, { publishableKey });
  const auth = useAuthStore();
  await waitFor(() => window.Clerk?.loaded === true, 15_000);
  let lastUserId: string | undefined;
  const sync = async () => {
    const clerkUser = window.Clerk?.user;
    if (clerkUser?.id === lastUserId) return;
    lastUserId = clerkUser?.id;
    if (!clerkUser) auth.remember(null);
    else {
      const name = clerkUser.fullName ?? clerkUser.username ?? clerkUser.primaryEmailAddress?.emailAddress ?? 'You';
      auth.remember({ id: clerkUser.id, name, role: 'buyer' });
      try {
        auth.remember((await api.auth.me()).user);
      } catch {
        // Keep the Clerk view of the user; pages will surface API errors themselves.
      }
    }
    reconnectSocket();
  };
  await sync();
  window.Clerk?.addListener?.(() => void sync());
  auth.clerkReady = true;
}

function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = () => (check() || Date.now() - started > timeoutMs ? resolve() : setTimeout(tick, 50));
    tick();
  });
}
