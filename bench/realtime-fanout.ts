/**
 * Availability fan-out to 10,000 connected watchers: how long a change takes to reach every
 * watcher (join over HTTP → durable → coalesced flush → Socket.IO), beside a bare Socket.IO
 * broadcast of a message of the same shape to the same 10,000 clients, in the same run, with the
 * rounds interleaved so both see the same machine. Clients run in their own processes.
 *
 * One file, three roles: the section (`run()`, called by bench/run.ts or by running this file),
 * `bare-server` (a bare Socket.IO server) and `clients` (a share of the watchers), both forked.
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { AVAILABILITY_INTERVAL_MS, FLUSH_LEAD_MS } from '../backend/src/realtime/realtime-hub.js';
import type { BenchSection } from './run.js';
import { fmt, mb, percentile, table, verdict } from './stats.js';
import { json, mintTokens, rssOf, scratchDir, startBackend, startDatabase } from './support/environment.js';

const WATCHERS = Number(process.env.BENCH_WATCHERS ?? 10_000);
const CLIENT_PROCESSES = 2;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
/** Pause after a round has reached everyone: longer than the flush interval, so each round is a change on a quiet event. */
const GAP_MS = 1_000;
const RUSH_JOINS = 1_000;
const TARGET_RATIO = 1.2;
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Kind = 'ours' | 'bare';
/** Latencies wanted: for each label, which server's messages and the reference time of each round. */
type ToClients = { report: Record<string, { kind: Kind; since: Record<string, number> }> };
type FromClients = { connected: number } | { complete: string } | { latencies: Record<string, number[]>; missing: Record<string, number> };

/** Which change a message reports: the number of joins so far (each join takes an offer). */
const keyOf = (m: { sold: number; held: number; waiting: number }) => String(m.sold + m.held + m.waiting);

// ---------------------------------------------------------------- role: bare Socket.IO server

function bareServer(): void {
  const httpServer = http.createServer();
  const server = new Server(httpServer, { transports: ['websocket'], serveClient: false });
  process.on('message', (msg: { broadcast: number }) => {
    server.emit('availability', {
      eventId: 'bare',
      total: 100_000,
      sold: 0,
      held: msg.broadcast,
      free: 100_000 - msg.broadcast,
      waiting: 0,
      soldOut: false,
      salesOpen: true,
    });
  });
  httpServer.listen(0, '127.0.0.1', () => process.send!({ port: (httpServer.address() as AddressInfo).port }));
}

// ---------------------------------------------------------------- role: watcher clients

async function clients(): Promise<void> {
  const count = Number(process.env.FANOUT_COUNT);
  const received: Record<Kind, Map<string, number[]>> = { ours: new Map(), bare: new Map() };
  const record = (kind: Kind, key: string) => {
    const at = now();
    let list = received[kind].get(key);
    if (!list) received[kind].set(key, (list = []));
    list.push(at);
    // Tell the parent when all of this process's sockets have it, so rounds never overlap.
    if (list.length === count) process.send!({ complete: `${kind}:${key}` } satisfies FromClients);
  };
  const open = (url: string, kind: Kind) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 60_000 });
      socket.on('availability', (m) => record(kind, keyOf(m)));
      socket.once('connect_error', reject);
      socket.once('connect', () => {
        if (kind === 'bare') return resolve(socket);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the server's ack error, as sent
        socket.timeout(60_000).emit('watch', { eventId: process.env.FANOUT_EVENT }, (err: unknown) => (err ? reject(err) : resolve(socket)));
      });
    });
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += 200) {
    const batch = Math.min(200, count - i);
    sockets.push(...(await Promise.all(Array.from({ length: batch }, () => open(process.env.FANOUT_OURS!, 'ours')))));
    sockets.push(...(await Promise.all(Array.from({ length: batch }, () => open(process.env.FANOUT_BARE!, 'bare')))));
  }
  process.send!({ connected: sockets.length } satisfies FromClients);
  process.on('message', (msg: ToClients) => {
    const latencies: Record<string, number[]> = {};
    const missing: Record<string, number> = {};
    for (const [label, { kind, since }] of Object.entries(msg.report)) {
      latencies[label] = [];
      missing[label] = 0;
      for (const [key, t0] of Object.entries(since)) {
        const times = received[kind].get(key) ?? [];
        for (const at of times) latencies[label].push(at - t0);
        missing[label] += Math.max(0, count - times.length);
      }
    }
    process.send!({ latencies, missing } satisfies FromClients, () => {
      for (const socket of sockets) socket.close();
      process.exit(0);
    });
  });
}

// ---------------------------------------------------------------- the section

function forkRole(role: string, env: Record<string, string> = {}): ChildProcess {
  return fork(fileURLToPath(import.meta.url), [role], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}
const nextMessage = <T>(child: ChildProcess, accept: (m: any) => boolean = () => true) =>
  new Promise<T>((resolve, reject) => {
    const onMessage = (m: unknown) => {
      if (!accept(m)) return;
      child.off('message', onMessage);
      resolve(m as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`child exited (${code})`)));
  });

/** Resolves once every client process has received the round's message on all its sockets. */
function delivered(watchers: ChildProcess[], tag: string): Promise<unknown> {
  const all = Promise.all(watchers.map((c) => nextMessage(c, (m) => m?.complete === tag)));
  return Promise.race([all, sleep(120_000)]);
}

/** One extra watcher counts availability pushes while 1,000 joins arrive as fast as they can. */
async function rush(url: string, eventId: string, tokens: string[]): Promise<{ joins: number; seconds: number; pushes: number }> {
  const watcher = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((r) => watcher.once('connect', () => watcher.emit('watch', { eventId }, () => r())));
  let pushes = 0;
  watcher.on('availability', () => (pushes += 1));
  const started = now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < tokens.length) {
        const token = tokens[next++]!;
        await json(`${url}/api/events/${eventId}/queue`, { method: 'POST', token, body: { quantity: 1 } });
      }
    }),
  );
  const seconds = (now() - started) / 1000;
  await sleep(1_000);
  watcher.close();
  return { joins: tokens.length, seconds, pushes };
}

export async function run(): Promise<BenchSection> {
  const dir = scratchDir('fanout');
  const db = await startDatabase(dir);
  const backend = await startBackend({ mongoUrl: db.url, dbName: 'fanout', dataDir: dir });
  const loadBefore = os.loadavg()[0]!;
  const bare = forkRole('bare-server');
  const children: ChildProcess[] = [bare];
  try {
    const barePort = (await nextMessage<{ port: number }>(bare)).port;
    const seller = await json(`${backend.url}/api/dev/sign-in`, { method: 'POST', body: { name: 'Fan-out Seller', role: 'seller' } });
    const createEvent = async (totalTickets: number) =>
      (
        await json(`${backend.url}/api/events`, {
          method: 'POST',
          token: seller.token,
          body: {
            name: 'Fan-out',
            description: 'bench',
            location: 'Loopback',
            eventDate: new Date(Date.now() + 86_400_000).toISOString(),
            price: 1000,
            totalTickets,
            maxPerBuyer: 1,
            offerWindowSec: 3600,
          },
        })
      ).id as string;
    const eventId = await createEvent(100_000);
    const tokens = await mintTokens(dir, ROUNDS, 'fan');
    // A buyer's page has verified their session before they join (docs/benchmarks.md, on-sale set-up).
    for (const token of tokens) await json(`${backend.url}/api/me`, { token });

    console.error(`[bench] connecting ${WATCHERS} watchers to each server…`);
    const perProcess = Math.ceil(WATCHERS / CLIENT_PROCESSES);
    for (let p = 0; p < CLIENT_PROCESSES; p++) {
      const count = Math.min(perProcess, WATCHERS - p * perProcess);
      children.push(
        forkRole('clients', { FANOUT_COUNT: String(count), FANOUT_OURS: backend.url, FANOUT_BARE: `http://127.0.0.1:${barePort}`, FANOUT_EVENT: eventId }),
      );
    }
    const watchers = children.slice(1);
    await Promise.all(watchers.map((c) => nextMessage<{ connected: number }>(c, (m) => 'connected' in m)));
    await sleep(2_000);
    const rssConnected = { ours: rssOf(backend.pid), bare: rssOf(bare.pid!) };

    console.error(`[bench] ${ROUNDS} interleaved rounds…`);
    const t0: Record<Kind, Record<string, number>> = { ours: {}, bare: {} };
    const ackMs: number[] = [];
    const ackedAt: Record<string, number> = {};
    for (let round = 1; round <= ROUNDS; round++) {
      let arrived = delivered(watchers, `bare:${round}`);
      t0.bare[String(round)] = now();
      bare.send({ broadcast: round });
      await arrived;
      await sleep(GAP_MS);
      arrived = delivered(watchers, `ours:${round}`);
      const started = now();
      t0.ours[String(round)] = started;
      await json(`${backend.url}/api/events/${eventId}/queue`, { method: 'POST', token: tokens[round - 1], body: { quantity: 1 } });
      ackedAt[String(round)] = now();
      ackMs.push(ackedAt[String(round)]! - started);
      await arrived;
      await sleep(GAP_MS);
    }
    const rssAfter = { ours: rssOf(backend.pid), bare: rssOf(bare.pid!) };
    const reports = await Promise.all(
      watchers.map((c) => {
        const answer = nextMessage<Extract<FromClients, { latencies: unknown }>>(c, (m) => 'latencies' in m);
        c.send({
          report: { ours: { kind: 'ours', since: t0.ours }, bare: { kind: 'bare', since: t0.bare }, afterAck: { kind: 'ours', since: ackedAt } },
        } satisfies ToClients);
        return answer;
      }),
    );

    console.error(`[bench] rush of ${RUSH_JOINS} joins…`);
    const rushEvent = await createEvent(1);
    const rushed = await rush(backend.url, rushEvent, await mintTokens(dir, RUSH_JOINS, 'rush'));

    const stats = (label: string) => {
      const all = reports.flatMap((r) => r.latencies[label] ?? []).sort((a, b) => a - b);
      const missing = reports.reduce((sum, r) => sum + (r.missing[label] ?? 0), 0);
      return { p50: percentile(all, 50), p99: percentile(all, 99), max: all.at(-1) ?? NaN, delivered: all.length, missing };
    };
    const ours = stats('ours');
    const bareStats = stats('bare');
    const afterAck = stats('afterAck');
    const ratio = ours.p99 / bareStats.p99;
    ackMs.sort((a, b) => a - b);
    const row = (name: string, s: ReturnType<typeof stats>, rss: { connected: number; after: number }) => [
      name,
      fmt(WATCHERS),
      fmt(s.p50, 1),
      fmt(s.p99, 1),
      fmt(s.max, 1),
      `${fmt(s.delivered)} / ${fmt(s.delivered + s.missing)}`,
      `${mb(rss.connected)} → ${mb(rss.after)}`,
    ];
    const markdown = [
      table(
        ['server', 'watchers', 'p50 ms', 'p99 ms', 'max ms', 'delivered', 'server RSS (connected → after rounds)'],
        [
          row('Queuetix: join over HTTP → availability push', ours, { connected: rssConnected.ours, after: rssAfter.ours }),
          row('bare Socket.IO broadcast (child process)', bareStats, { connected: rssConnected.bare, after: rssAfter.bare }),
        ],
      ),
      '',
      `p99 ratio Queuetix / bare: **${fmt(ratio, 2)}×** (target ≤ ${TARGET_RATIO}×: ${verdict(ratio <= TARGET_RATIO)}).`,
      '',
      `- ${ROUNDS} rounds each, interleaved; each starts ${GAP_MS / 1000} s after the previous one reached every watcher; ${WATCHERS} anonymous watchers per server over WebSocket, in ${CLIENT_PROCESSES} client processes (each holding its share of both servers' sockets). Latency runs from the moment the change is triggered (Queuetix: the join request is sent; bare: the broadcast is asked for over IPC) to each client's receipt.`,
      `- Queuetix's figure includes the join itself: token check, the event actor, the durable journal write to FerretDB (join acknowledged after p50 ${fmt(percentile(ackMs, 50), 1)} ms, max ${fmt(ackMs.at(-1) ?? NaN, 1)} ms), the ${FLUSH_LEAD_MS} ms gathering of a burst, and one read in the actor. Counted from the join's acknowledgement instead, the push reached watchers after p50 ${fmt(afterAck.p50, 1)} ms, p99 ${fmt(afterAck.p99, 1)} ms (it can be negative: the push may leave before the HTTP answer arrives).`,
      `- Machine load average (1 min) ${fmt(loadBefore, 1)} at the start, ${fmt(os.loadavg()[0]!, 1)} at the end: other work on these 2 cores slows both servers alike, which is why the rounds are interleaved and the ratio is the figure to read.`,
      `- Coalescing: ${fmt(rushed.joins)} joins in ${fmt(rushed.seconds, 2)} s (50 at a time) reached a watcher as ${fmt(rushed.pushes)} availability pushes (at most one per ${AVAILABILITY_INTERVAL_MS} ms).`,
    ].join('\n');
    return { title: 'Real time: availability fan-out to 10,000 watchers', markdown };
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await backend.stop();
    await db.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const role = process.argv[2];
  if (role === 'bare-server') bareServer();
  else if (role === 'clients') void clients();
  else
    run().then(
      (section) => {
        console.log(`## ${section.title}\n\n${section.markdown}`);
        process.exit(0);
      },
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
}
