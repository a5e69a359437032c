import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { ApiError } from '@/api';
import { router } from '@/router';
import { useAuthStore } from '@/stores/auth';

export interface AsyncState<A extends unknown[], T> {
  loading: Ref<boolean>;
  error: Ref<ApiError | null>;
  data: ShallowRef<T | undefined>;
  /** Runs the task; resolves to its value, or undefined when it failed (the error is in `error`). */
  run: (...args: A) => Promise<T | undefined>;
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, 'bad_response', err instanceof Error ? err.message : 'Something went wrong.');
}

/** The one place a 401 is handled: forget the token and send the user to sign in, then back here. */
export async function handleUnauthenticated(): Promise<void> {
  useAuthStore().forget();
  const here = router.currentRoute.value;
  if (here.path === '/sign-in') return;
  await router.replace({ path: '/sign-in', query: { redirect: here.fullPath } });
}

/**
 * Loading, error and 401 handling for any API task, so pages never write try/catch.
 * Aborted requests (a newer search replaced them) are ignored silently.
 */
export function useAsync<A extends unknown[], T>(task: (...args: A) => Promise<T>, options: { signInOn401?: boolean } = {}): AsyncState<A, T> {
  // Door staff hold a check-in pass, not a session: a refused pass is shown, not a sign-in page.
  const signInOn401 = options.signInOn401 ?? true;
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  const data = shallowRef<T>();
  let generation = 0;

  async function run(...args: A): Promise<T | undefined> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const value = await task(...args);
      if (mine === generation) data.value = value;
      return value;
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') return undefined;
      const apiError = toApiError(err);
      if (mine === generation) error.value = apiError;
      if (apiError.status === 401 && signInOn401) await handleUnauthenticated();
      return undefined;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  return { loading, error, data, run };
}
