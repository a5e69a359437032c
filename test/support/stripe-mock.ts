/**
 * Stripe for tests: the official stripe-mock (built by scripts/lib/tools.ts) on loopback, so every
 * request our server makes through the real `stripe` SDK is checked against Stripe's API spec.
 *
 * stripe-mock is stateless (it answers fixtures), so a thin recording proxy sits in front of it and
 * adds the few pieces of Stripe's behaviour the payment rules depend on:
 * - it records every request (method, path, form params, idempotency key) for assertions;
 * - it answers a repeated idempotency key with the first response without forwarding, as Stripe
 *   does, so `refundsAtStripe()` counts the refunds Stripe would really have made;
 * - it overlays account fields (charges_enabled…) that the fixture cannot know;
 * - it can hold a request's response forever after Stripe has acted on it, to crash the server
 *   exactly between "Stripe refunded" and "we recorded it".
 * Webhooks are built by the tests and signed with `stripe.webhooks.generateTestHeaderString`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { ensureStripeMock } from '../../scripts/lib/tools.js';

export const STRIPE_TEST_KEY = 'sk_test_123';
export const STRIPE_TEST_WEBHOOK_SECRET = 'whsec_test_queuetix_payments';

export interface StripeRequest {
  method: string;
  path: string;
  params: URLSearchParams;
  idempotencyKey?: string;
  /** Answered from the idempotency store: Stripe did nothing new. */
  replayed: boolean;
  status?: number;
  body?: any;
}

interface StoredResponse {
  status: number;
  body: string;
}

interface Hold {
  matches: (req: StripeRequest) => boolean;
  /** Matching requests still to let through before holding. */
  skip: number;
  remaining: number;
  reached: () => void;
}

export interface StripeMock {
  /** STRIPE_* variables for a backend that talks to this mock. */
  env: Record<string, string>;
  requests: StripeRequest[];
  /** Requests Stripe acted on (not idempotent replays) for this method and path prefix. */
  acted(method: string, pathPrefix: string): StripeRequest[];
  /** Refunds Stripe made: one per distinct idempotency key. */
  refundsAtStripe(): StripeRequest[];
  /** Overlays fields on every account Stripe returns (e.g. charges_enabled: true). */
  setAccountDefaults(fields: Record<string, unknown>): void;
  /**
   * After letting `skip` matching requests through, the next `count` reach Stripe (so it acts) but
   * their responses are never sent. Resolves once `count` of them have reached Stripe.
   */
  holdResponses(matches: (req: StripeRequest) => boolean, options?: { skip?: number; count?: number }): Promise<void>;
  releaseHolds(): void;
  /** A signed webhook request body and headers for the given event object. */
  signedWebhook(event: Record<string, unknown>, secret?: string): { body: string; headers: Record<string, string> };
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = http.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

async function waitUntilAnswering(port: number, child: ChildProcess): Promise<void> {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`stripe-mock exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/v1/balance`, { headers: { authorization: `Bearer ${STRIPE_TEST_KEY}` } });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('stripe-mock did not answer within 20 s');
}

/**
 * Starts stripe-mock on a free port. The port is free when probed but another process on this
 * busy machine may take it before stripe-mock binds it (it then exits at once): try a new one.
 */
async function spawnAnswering(binary: string, attempts = 3): Promise<{ child: ChildProcess; killChild: () => void; mockPort: number }> {
  for (let attempt = 1; ; attempt++) {
    const mockPort = await freePort();
    // On loopback. stripe-mock always opens an HTTPS listener too, on 12112 unless told otherwise, which
    // a second stripe-mock on the machine (another test run) already holds: let the system pick its port.
    const child = spawn(binary, ['-http-addr', `127.0.0.1:${mockPort}`, '-https-addr', '127.0.0.1:'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const killChild = () => child.kill('SIGKILL');
    process.once('exit', killChild);
    try {
      await waitUntilAnswering(mockPort, child);
      return { child, killChild, mockPort };
    } catch (err) {
      const exitedByItself = child.exitCode !== null;
      killChild();
      process.off('exit', killChild);
      if (attempt >= attempts || !exitedByItself) throw err;
    }
  }
}

export async function startStripeMock(): Promise<StripeMock> {
  const binary = ensureStripeMock();
  const { child, killChild, mockPort } = await spawnAnswering(binary);

  const requests: StripeRequest[] = [];
  const idempotent = new Map<string, StoredResponse>();
  const pending = new Map<string, Promise<void>>();
  let accountDefaults: Record<string, unknown> = {};
  let holds: Hold[] = [];
  const held = new Set<http.ServerResponse>();

  const overlay = (path: string, body: string): string => {
    if (!/^\/v1\/accounts(\/|$)/.test(path) || Object.keys(accountDefaults).length === 0) return body;
    const parsed = JSON.parse(body);
    if (parsed?.object === 'account') Object.assign(parsed, accountDefaults);
    return JSON.stringify(parsed);
  };

  const proxy = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://stripe');
    const key = req.headers['idempotency-key'] as string | undefined;
    const record: StripeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      params: new URLSearchParams(req.method === 'GET' ? url.search : raw),
      ...(key ? { idempotencyKey: key } : {}),
      replayed: false,
    };
    requests.push(record);

    const idempotentPost = Boolean(key) && req.method === 'POST';
    // A request with a key already in flight waits for the first answer, as Stripe never acts twice for one key.
    const inFlight = idempotentPost ? pending.get(key!) : undefined;
    if (inFlight) await inFlight;
    const stored = idempotentPost ? idempotent.get(key!) : undefined;
    let answer: StoredResponse;
    let finished = () => {};
    if (idempotentPost && !stored) pending.set(key!, new Promise<void>((resolve) => (finished = resolve)));
    if (stored) {
      record.replayed = true;
      answer = stored;
    } else {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name)) headers[name] = value;
      }
      try {
        const upstream = await fetch(`http://127.0.0.1:${mockPort}${req.url}`, {
          method: req.method,
          headers,
          ...(req.method === 'GET' || req.method === 'DELETE' ? {} : { body: raw }),
        });
        answer = { status: upstream.status, body: overlay(url.pathname, await upstream.text()) };
        if (idempotentPost && upstream.status < 500) idempotent.set(key!, answer);
      } catch (err) {
        answer = { status: 502, body: JSON.stringify({ error: { type: 'api_error', message: `stripe-mock unreachable: ${String(err)}` } }) };
      } finally {
        if (idempotentPost) pending.delete(key!);
        finished();
      }
    }
    record.status = answer.status;
    try {
      record.body = JSON.parse(answer.body);
    } catch {
      record.body = answer.body;
    }

    const hold = record.replayed ? undefined : holds.find((h) => h.remaining > 0 && h.matches(record));
    if (hold && hold.skip > 0) {
      hold.skip -= 1;
    } else if (hold) {
      hold.remaining -= 1;
      held.add(res);
      if (hold.remaining === 0) hold.reached();
      return; // Stripe acted; the caller never hears back.
    }
    res.writeHead(answer.status, { 'content-type': 'application/json', 'request-id': `req_mock_${requests.length}` });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
  const proxyPort = (proxy.address() as AddressInfo).port;

  const acted = (method: string, pathPrefix: string) => requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix) && !r.replayed);

  return {
    env: {
      STRIPE_SECRET_KEY: STRIPE_TEST_KEY,
      STRIPE_WEBHOOK_SECRET: STRIPE_TEST_WEBHOOK_SECRET,
      STRIPE_API_BASE: `http://127.0.0.1:${proxyPort}`,
    },
    requests,
    acted,
    refundsAtStripe: () => acted('POST', '/v1/refunds'),
    setAccountDefaults(fields) {
      accountDefaults = { ...fields };
    },
    holdResponses(matches, { skip = 0, count = 1 } = {}) {
      return new Promise<void>((resolve) => holds.push({ matches, skip, remaining: count, reached: resolve }));
    },
    releaseHolds() {
      holds = [];
      for (const res of held) res.destroy();
      held.clear();
    },
    signedWebhook(event, secret = STRIPE_TEST_WEBHOOK_SECRET) {
      const body = JSON.stringify(event, null, 2);
      const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret });
      return { body, headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature } };
    },
    async stop() {
      for (const res of held) res.destroy();
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      process.off('exit', killChild);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise<void>((resolve) => child.once('exit', () => resolve()));
      }
    },
  };
}
