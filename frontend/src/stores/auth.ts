import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Role, User } from '@queuetix/contracts';
import { api, ApiError } from '@/api';
import { useConfigStore } from './config';

const TOKEN_KEY = 'queuetix.token';
const USER_KEY = 'queuetix.user';

function readUser(): User | null {
  try {
    const raw = localStorage.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as User) : null;
  } catch {
    return null;
  }
}

/**
 * Who is signed in. Dev mode keeps the token from POST /api/dev/sign-in in localStorage;
 * Clerk mode asks clerk-js for a fresh session token on every request.
 */
export const useAuthStore = defineStore('auth', () => {
  const config = useConfigStore();
  const devToken = ref<string | null>(localStorage.getItem(TOKEN_KEY));
  const user = ref<User | null>(devToken.value ? readUser() : null);
  /** Clerk mode: set by lib/clerk.ts once clerk-js has loaded and whenever its session changes. */
  const clerkReady = ref(false);

  const isSignedIn = computed(() => user.value !== null);
  const isSeller = computed(() => user.value?.role === 'seller' || !!user.value?.stripeConnectId);

  async function token(): Promise<string | null> {
    if (config.isClerk) return (await window.Clerk?.session?.getToken()) ?? null;
    return devToken.value;
  }

  function remember(next: User | null, nextToken?: string | null): void {
    user.value = next;
    if (nextToken !== undefined) {
      devToken.value = nextToken;
      if (nextToken) localStorage.setItem(TOKEN_KEY, nextToken);
      else localStorage.removeItem(TOKEN_KEY);
    }
    if (next) localStorage.setItem(USER_KEY, JSON.stringify(next));
    else localStorage.removeItem(USER_KEY);
  }

  async function devSignIn(input: { name: string; role: Role; userId?: string; email?: string }): Promise<User> {
    const res = await api.auth.devSignIn(input);
    remember(res.user, res.token);
    return res.user;
  }

  /** Re-reads the user (role, Stripe account) from the server; signs out locally on 401. */
  async function refreshMe(): Promise<User | null> {
    try {
      const { user: me } = await api.auth.me();
      remember(me);
      return me;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) forget();
      return user.value;
    }
  }

  /** The server refused our token: drop it so the next protected page asks to sign in again. */
  function forget(): void {
    remember(null, null);
  }

  async function signOut(): Promise<void> {
    forget();
    if (config.isClerk) await window.Clerk?.signOut();
  }

  return { user, isSignedIn, isSeller, clerkReady, token, devSignIn, refreshMe, forget, signOut, remember };
});
