/**
 * `npm run bench -- onsale`: a full on-sale under load. One event with 10,000 tickets; 100,000
 * buyers (tokens made in advance) join over HTTP from a separate process as fast as the server
 * answers; 10,000 of them hold Socket.IO connections watching the event and their entry; every
 * buyer who is offered pays at once through demo checkout. Beside it, in the same run, the bare
 * baselines (Koa JSON endpoint, Socket.IO broadcast to the same clients). At the end the sale is
 * checked from the database and the API. Sizes are parameters: ONSALE_TICKETS, ONSALE_BUYERS,
 * ONSALE_SOCKETS, ONSALE_CONNECTIONS, ONSALE_PAY_CONCURRENCY; ONSALE_CPU_PROF=1 profiles the backend;
 * ONSALE_DATABASE=sqlite runs FerretDB on SQLite, the old embedded default (the embedded PostgreSQL otherwise);
 * ONSALE_NODE_OPTIONS is the backend's NODE_OPTIONS (e.g. a heap limit).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { pino } from 'pino';
import { auditSale } from '../chaos/support/audit.js';
import { loadQueueState } from '../backend/src/queue/audit.js';
import { repoRoot } from '../scripts/lib/tools.js';
import type { BenchSection } from './run.js';
import { percentile } from './stats.js';
import { json, rssOf, scratchDir, startBareKoa, startDatabase } from './support/environment.js';
import { startOnsaleBackend } from './support/onsale-backend.js';
import { progressChart } from './support/onsale-chart.js';
import { Payers } from './support/onsale-payer.js';
import { startChild, type Child } from './support/onsale-procs.js';
import { childPidsNamed, cpuSeconds, treeCpuSeconds } from './support/proc-stat.js';
import { onsaleMarkdown, type OnsaleResult } from './support/onsale-report.js';
import { buyerTokensFile, readTokens, tokenCacheDir } from './support/onsale-tokens.js';
import { hotSpots } from './support/cpu-profile-summary.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const log = (line: string) => console.error(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

export async function run(): Promise<BenchSection> {
  const sizes = {
    tickets: env('ONSALE_TICKETS', 10_000),
    buyers: env('ONSALE_BUYERS', 100_000),
    sockets: env('ONSALE_SOCKETS', 10_000),
    socketProcesses: 2,
    connections: env('ONSALE_CONNECTIONS', 100),
    payConcurrency: env('ONSALE_PAY_CONCURRENCY', 32),
    // The longest window: the bench measures how fast a sale completes, not offers lapsing.
    offerWindowSec: 3_600,
  };
  const cacheDir = tokenCacheDir();
  const tokensFile = await buyerTokensFile(cacheDir, sizes.buyers, log);
  const tokens = readTokens(tokensFile);
  const dir = scratchDir('onsale');
  const profileDir = path.join(dir, 'cpu-profile');
  const childEnv = { ONSALE_CONNECTIONS: String(sizes.connections) };
  log(`[onsale] scratch dir (logs, database): ${dir}`);

  log('[onsale] baseline: bare Koa JSON endpoint…');
  const bareKoa = await startBareKoa();
  const koa = (await startChild('bench/support/onsale-joiner.ts', ['bare', bareKoa.url, '10'], childEnv).next('done')) as Record<string, number>;
  await bareKoa.stop();

  log('[onsale] baseline: bare Socket.IO broadcast to the same clients…');
  const bareBroadcast = await broadcastBaseline(sizes);

  const backing = process.env.ONSALE_DATABASE === 'sqlite' ? 'sqlite' : 'postgresql';
  const db = await startDatabase(dir, backing);
  // ONSALE_WIRE_STATS=1: time every database command on the way (what bounds the sale).
  const wire = process.env.ONSALE_WIRE_STATS === '1' ? startChild('bench/support/wire-timing-proxy.ts', [String(db.port)]) : undefined;
  const mongoUrl = wire ? `mongodb://127.0.0.1:${(await wire.line(/PROXY_LISTENING (\d+)/))[1]}/` : db.url;
  const backend = await startOnsaleBackend({
    mongoUrl,
    dbName: 'onsale',
    dataDir: cacheDir,
    logDir: dir,
    ...(process.env.ONSALE_CPU_PROF === '1' ? { profileDir } : {}),
  });
  const sockets: Child[] = [];
  try {
    const seller = await json(`${backend.url}/api/dev/sign-in`, { method: 'POST', body: { name: 'On-sale Organiser', role: 'seller' } });
    const event = await json(`${backend.url}/api/events`, {
      method: 'POST',
      token: seller.token,
      body: {
        name: 'The Big On-Sale',
        description: 'bench',
        location: 'Loopback Arena',
        eventDate: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        price: 2500,
        totalTickets: sizes.tickets,
        maxPerBuyer: 4,
        offerWindowSec: sizes.offerWindowSec,
      },
    });

    log(`[onsale] ${sizes.sockets.toLocaleString('en-US')} buyers open the event page (Socket.IO)…`);
    for (let k = 0; k < sizes.socketProcesses; k++) {
      sockets.push(
        startChild('bench/support/onsale-sockets.ts', [
          'live',
          backend.url,
          tokensFile,
          String(sizes.buyers),
          String(sizes.sockets),
          String(k),
          String(sizes.socketProcesses),
          event.id,
          String(sizes.offerWindowSec),
        ]),
      );
    }
    const ready = await Promise.all(sockets.map((s) => s.next('ready')));

    log(`[onsale] sales open: ${sizes.buyers.toLocaleString('en-US')} buyers join…`);
    const payers = new Payers(backend.url, event.id, tokens, sizes.payConcurrency);
    const ferretPid = childPidsNamed('ferretdb')[0];
    // Every process of the sale, so the report can say where each core's time went.
    const postmasterPid = backing === 'postgresql' ? Number(readFileSync(path.join(dir, 'postgresql', 'postmaster.pid'), 'utf8').split('\n')[0]) : undefined;
    /** The joiner starts after this snapshot; what it used is read before it exits. */
    const joinerCpu: { pid?: number; seconds: number } = { seconds: 0 };
    const alive = (read: () => number, otherwise: number) => {
      try {
        return read();
      } catch {
        return otherwise; // exited: what it used was read before it ended
      }
    };
    /** CPU seconds so far of every process of the sale; the backend first, FerretDB second (the server row reads them). */
    const coreTime = (): Array<{ name: string; seconds: number }> => {
      const bench = process.cpuUsage();
      return [
        { name: 'backend (one process)', seconds: cpuSeconds(backend.pid) },
        { name: 'FerretDB', seconds: ferretPid ? cpuSeconds(ferretPid) : 0 },
        ...(postmasterPid ? [{ name: 'PostgreSQL (all its processes)', seconds: treeCpuSeconds(postmasterPid) }] : []),
        {
          name: `joiner (autocannon, ${sizes.connections} connections)`,
          seconds: joinerCpu.pid ? alive(() => cpuSeconds(joinerCpu.pid!), joinerCpu.seconds) : 0,
        },
        { name: `socket clients (${sizes.socketProcesses} processes)`, seconds: sockets.reduce((n, s) => n + (s.child.pid ? cpuSeconds(s.child.pid) : 0), 0) },
        { name: 'bench process (payers, sold-out polling)', seconds: (bench.user + bench.system) / 1e6 },
      ];
    };
    const coresBefore = coreTime();
    const saleStartedAt = Date.now();
    let rssPeak = rssOf(backend.pid);
    const soldSeries: Array<[number, number]> = [];
    let soldOutAt = 0;
    let polling = true;
    const poller = (async () => {
      while (polling) {
        rssPeak = Math.max(rssPeak, rssOf(backend.pid));
        const availability = await json(`${backend.url}/api/events/${event.id}/availability`).catch(() => undefined);
        if (availability) {
          soldSeries.push([Date.now(), availability.sold]);
          if (availability.soldOut && !soldOutAt) soldOutAt = Date.now();
        }
        await sleep(250);
      }
    })();

    const joiner = startChild('bench/support/onsale-joiner.ts', ['join', backend.url, event.id, tokensFile, String(sizes.buyers)], childEnv);
    joinerCpu.pid = joiner.child.pid;
    joiner.onMessage((m) => (m.t === 'offer' ? payers.offered(m.i, m.entry) : m.t === 'waiting' && payers.waiting(m.i)));
    const joins = (await joiner.next('done')) as unknown as OnsaleResult['joins'];
    joinerCpu.seconds = alive(() => cpuSeconds(joinerCpu.pid!), 0);
    log(`[onsale] joins done (${Math.round(joins.rps).toLocaleString('en-US')}/s, p99 ${Math.round(joins.p99)} ms); waiting for the sell-out…`);
    for (const until = Date.now() + env('ONSALE_TIMEOUT_SEC', 3_600) * 1000; !soldOutAt && Date.now() < until;) await sleep(250);
    await payers.close();
    await payers.idle();
    const coresAfter = coreTime();
    const cores = {
      windowSec: (Date.now() - saleStartedAt) / 1000,
      processes: coresAfter.map((after, k) => ({ name: after.name, seconds: after.seconds - coresBefore[k]!.seconds })),
    };
    await sleep(1_500); // the last coalesced pushes
    polling = false;
    await poller;
    for (const s of sockets) s.command('stop');
    const pushes = (await Promise.all(sockets.map((s) => s.next('done')))) as Array<Record<string, any>>;
    const availability = await json(`${backend.url}/api/events/${event.id}/availability`);
    await backend.stop();
    let dbCommands: OnsaleResult['dbCommands'] = [];
    if (wire) {
      wire.command('stop');
      dbCommands = ((await wire.next('done')) as unknown as { rows: OnsaleResult['dbCommands'] }).rows;
    }

    const client = new MongoClient(db.url);
    let checks;
    let offerTimes: number[];
    try {
      const database = client.db('onsale');
      checks = await auditSale(database, event.id, [], payers.records);
      const state = await loadQueueState(database, event.id, pino({ level: 'silent' }));
      offerTimes = sorted(state.entries.filter((e) => e.offeredQuantity > 0).map((e) => e.offerExpiresAt - sizes.offerWindowSec * 1000));
    } finally {
      await client.close();
    }

    const t0 = joins.startedAt;
    const chart = progressChart(`On-sale: ${sizes.buyers.toLocaleString('en-US')} buyers, ${sizes.tickets.toLocaleString('en-US')} tickets`, [
      {
        label: `joins answered (of ${sizes.buyers.toLocaleString('en-US')})`,
        color: '#2563eb',
        total: sizes.buyers,
        points: cumulative(joins.timeline, joins.bucketMs),
      },
      {
        label: `tickets sold (of ${sizes.tickets.toLocaleString('en-US')})`,
        color: '#16a34a',
        total: sizes.tickets,
        points: soldSeries.filter(([at]) => at >= t0).map(([at, sold]) => [(at - t0) / 1000, sold]),
      },
    ]);
    mkdirSync(path.join(repoRoot, 'docs'), { recursive: true });
    const chartFile = backing === 'sqlite' ? 'onsale-chart.svg' : `onsale-${backing}-chart.svg`;
    writeFileSync(path.join(repoRoot, 'docs', chartFile), chart);

    const result: OnsaleResult = {
      sizes,
      chartFile,
      database:
        (backing === 'sqlite'
          ? 'FerretDB 1.24 on SQLite (the old embedded default; reads are table scans)'
          : 'FerretDB 1.24 on the embedded PostgreSQL, the embedded default (lookups answered from GIN indexes)') +
        (process.env.ONSALE_NODE_OPTIONS ? `; backend started with NODE_OPTIONS=${process.env.ONSALE_NODE_OPTIONS}` : ''),
      joins,
      soldOutSec: soldOutAt ? (soldOutAt - t0) / 1000 : null,
      offers: { count: offerTimes.length, spanSec: offerTimes.length > 1 ? (offerTimes.at(-1)! - offerTimes[0]!) / 1000 : 0 },
      push: {
        position: sorted(pushes.flatMap((p) => p.position as number[])),
        offer: sorted(pushes.flatMap((p) => p.offer as number[])),
        entryPushes: pushes.reduce((n, p) => n + p.entryPushes, 0),
        availabilityPushes: pushes.reduce((n, p) => n + p.availabilityPushes, 0),
        connected: ready.reduce((n, r) => n + r.connected, 0),
        failed: ready.reduce((n, r) => n + r.failed, 0),
        disconnected: pushes.reduce((n, p) => n + p.disconnected, 0),
      },
      bare: { koa, broadcast: bareBroadcast },
      cores,
      server: {
        rssPeak,
        cpuCores: cores.processes[0]!.seconds / cores.windowSec,
        dbCpuCores: ferretPid ? cores.processes[1]!.seconds / cores.windowSec : null,
      },
      payments: payers.tally.toJSON(),
      availability,
      checks,
      hotSpots: process.env.ONSALE_CPU_PROF === '1' ? hotSpots(profileDir) : [],
      dbCommands,
    };
    return { title: 'On-sale rehearsal: a full sell-out under load', markdown: onsaleMarkdown(result) };
  } finally {
    for (const s of sockets) s.kill();
    wire?.kill();
    await backend.stop();
    await db.stop();
  }
}

/** Bucketed counts → cumulative [seconds, total] points. */
function cumulative(buckets: number[], bucketMs: number): Array<[number, number]> {
  let sum = 0;
  const points: Array<[number, number]> = [[0, 0]];
  buckets.forEach((n, k) => points.push([((k + 1) * bucketMs) / 1000, (sum += n)]));
  return points;
}

/** The same client processes connected to a bare Socket.IO server that broadcasts 20 times. */
async function broadcastBaseline(sizes: { buyers: number; sockets: number; socketProcesses: number }) {
  const server = startChild('bench/support/onsale-bare-socketio.ts', []);
  const [, url] = await server.line(/QUEUETIX_LISTENING (\S+)/);
  const clients = Array.from({ length: sizes.socketProcesses }, (_, k) =>
    startChild('bench/support/onsale-sockets.ts', ['bare', url!, '', String(sizes.buyers), String(sizes.sockets), String(k), String(sizes.socketProcesses)]),
  );
  try {
    const ready = await Promise.all(clients.map((c) => c.next('ready')));
    server.command('broadcast 20 500');
    await server.line(/BROADCAST_DONE/);
    await sleep(3_000);
    for (const c of clients) c.command('stop');
    const done = (await Promise.all(clients.map((c) => c.next('done')))) as Array<Record<string, any>>;
    const ticks = sorted(done.flatMap((d) => d.ticks as number[]));
    return {
      clients: ready.reduce((n, r) => n + r.connected, 0),
      messages: ticks.length,
      p50: percentile(ticks, 50),
      p99: percentile(ticks, 99),
      max: ticks.at(-1) ?? NaN,
    };
  } finally {
    for (const c of clients) c.kill();
    server.kill();
  }
}
