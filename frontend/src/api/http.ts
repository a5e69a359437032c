import type { ErrorBody, ErrorCode } from '@queuetix/contracts';
import { isErrorCode } from '@queuetix/contracts/error-codes';

export type ClientErrorCode = ErrorCode | 'network' | 'bad_response';

/** Every failure of the API as one type: the server's `{ error: { code, message, details } }` or a network fault. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly details?: unknown,
    readonly retryAfterSec?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type TokenSource = () => Promise<string | null> | string | null;
let tokenSource: TokenSource = () => null;

/** The auth store tells the client how to get a bearer token (dev token or Clerk session token). */
export function setTokenSource(source: TokenSource): void {
  tokenSource = source;
}

export async function bearer(): Promise<Record<string, string>> {
  const token = await tokenSource();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Turns a non-2xx response into an ApiError, keeping the server's code, message and details. */
export async function errorFrom(res: Response): Promise<ApiError> {
  const retryAfter = Number(res.headers.get('Retry-After')) || undefined;
  try {
    const error = ((await res.json()) as Partial<ErrorBody> | null)?.error;
    if (error && isErrorCode(error.code)) {
      return new ApiError(res.status, error.code, error.message ?? res.statusText, error.details, retryAfter);
    }
  } catch {
    // Not JSON (a proxy's HTML error page, for example): fall through to a generic error.
  }
  return new ApiError(res.status, res.status === 401 ? 'unauthenticated' : 'bad_response', res.statusText || `HTTP ${res.status}`, undefined, retryAfter);
}

/** `token` replaces the signed-in user's (door staff send their check-in pass). */
export async function request<T>(method: string, path: string, body?: unknown, init: { signal?: AbortSignal; token?: string } = {}): Promise<T> {
  const auth = init.token ? { Authorization: `Bearer ${init.token}` } : await bearer();
  const headers: Record<string, string> = { Accept: 'application/json', ...auth };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: init.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Cannot reach Queuetix. Check your connection and try again.');
  }
  if (!res.ok) throw await errorFrom(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** A file the API serves to a signed-in user (a bearer token, so not a plain link): its bytes and name. */
export async function download(path: string): Promise<{ blob: Blob; filename: string }> {
  let res: Response;
  try {
    res = await fetch(path, { headers: await bearer() });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach Queuetix. Check your connection and try again.');
  }
  if (!res.ok) throw await errorFrom(res);
  const filename = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'download';
  return { blob: await res.blob(), filename };
}
