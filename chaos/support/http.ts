/**
 * The client side of every fault run: one request, never throwing. A fault run must count what
 * the server answered (or failed to answer), so a dead server or a hung request is a result here,
 * not an exception.
 */
export interface Answer<T = any> {
  /** HTTP status; 0 when no answer came (refused, reset, timed out). */
  status: number;
  body: T;
  /** `error.code` of an error body, or the transport failure ('refused', 'reset', 'timeout', 'other'). */
  code?: string;
  ms: number;
  sentAt: number;
  answeredAt: number;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

function transportCode(err: unknown): string {
  const e = err as { name?: string; cause?: { code?: string; name?: string } };
  if (e?.name === 'TimeoutError' || e?.cause?.name === 'TimeoutError') return 'timeout';
  const code = e?.cause?.code ?? '';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || code === 'UND_ERR_CLOSED') return 'reset';
  return code || 'other';
}

export async function call<T = any>(base: string, method: string, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
  const sentAt = Date.now();
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  try {
    const res = await fetch(base + path, { method, headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    const answeredAt = Date.now();
    const code = (parsed as { error?: { code?: string } } | undefined)?.error?.code;
    return { status: res.status, body: parsed as T, ...(code ? { code } : {}), ms: answeredAt - sentAt, sentAt, answeredAt };
  } catch (err) {
    const answeredAt = Date.now();
    return { status: 0, body: undefined as T, code: transportCode(err), ms: answeredAt - sentAt, sentAt, answeredAt };
  }
}

/** Counts of answers by "status code" (e.g. "201", "503 unavailable", "0 refused"). */
export class Tally {
  readonly counts = new Map<string, number>();
  /** The slowest answer (or failure to answer), in ms. */
  maxMs = 0;
  /** Answers (of any kind) that took 10 s or more. */
  slow = 0;

  add(answer: Answer): void {
    this.maxMs = Math.max(this.maxMs, answer.ms);
    if (answer.ms >= 10_000) this.slow += 1;
    const key = answer.code ? `${answer.status} ${answer.code}` : String(answer.status);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  get total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  /** Answers whose status matches. */
  count(match: (status: number, code?: string) => boolean): number {
    let sum = 0;
    for (const [key, n] of this.counts) {
      const [status, code] = key.split(' ');
      if (match(Number(status), code)) sum += n;
    }
    return sum;
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
