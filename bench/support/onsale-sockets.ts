/**
 * Child process of the on-sale bench: a share of the buyers holding Socket.IO connections (WebSocket
 * transport), as open event pages would. `live` mode watches the event on the backend and times
 * each buyer's first `entry` push with a place in line (from the entry's joinedAt) and their offer
 * (from the offer's start, offerExpiresAt − window). `bare` mode connects the same number of
 * clients to a bare Socket.IO server and times its broadcasts (the baseline).
 */
import { createInterface } from 'node:readline';
import { io, type Socket } from 'socket.io-client';
import { socketBuyers, type ChildMessage } from './onsale-plan.js';
import { readTokens } from './onsale-tokens.js';

const send = (message: ChildMessage) => process.stdout.write(`${JSON.stringify(message)}\n`);
const [mode, url, tokensFile, buyersText, socketsText, partText, partsText, eventId, windowText] = process.argv.slice(2);
const all = socketBuyers(Number(buyersText), Number(socketsText));
const part = Number(partText);
const parts = Number(partsText);
const mine = all.filter((_, k) => k % parts === part);
const tokens = mode === 'live' ? readTokens(tokensFile!) : [];
const offerWindowMs = Number(windowText ?? 0) * 1000;

const position: number[] = [];
const offer: number[] = [];
const ticks: number[] = [];
let entryPushes = 0;
let availabilityPushes = 0;
let soldOutSeenAt = 0;
const seenWaiting = new Set<string>();
const seenOffer = new Set<string>();

function connect(index: number): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 60_000,
      ...(mode === 'live' ? { auth: { token: tokens[index] } } : {}),
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', () => resolve(undefined));
  });
}

function listen(socket: Socket): void {
  socket.on('tick', (message: { sentAt: number }) => ticks.push(Date.now() - message.sentAt));
  socket.on('availability', (message: { soldOut?: boolean }) => {
    availabilityPushes += 1;
    if (message.soldOut && !soldOutSeenAt) soldOutSeenAt = Date.now();
  });
  socket.on('entry', (entry: { id: string; status: string; joinedAt: string; offerExpiresAt?: string }) => {
    const now = Date.now();
    entryPushes += 1;
    if (entry.status === 'waiting' && !seenWaiting.has(entry.id)) {
      seenWaiting.add(entry.id);
      position.push(now - Date.parse(entry.joinedAt));
    } else if (entry.status === 'offered' && entry.offerExpiresAt && !seenOffer.has(entry.id)) {
      seenOffer.add(entry.id);
      offer.push(now - (Date.parse(entry.offerExpiresAt) - offerWindowMs));
    }
  });
}

const sockets: Socket[] = [];
let failed = 0;
for (let k = 0; k < mine.length; k += 250) {
  const batch = await Promise.all(mine.slice(k, k + 250).map(connect));
  for (const socket of batch) {
    if (!socket) failed += 1;
    else {
      listen(socket);
      sockets.push(socket);
    }
  }
}
if (mode === 'live') {
  for (let k = 0; k < sockets.length; k += 500) {
    await Promise.all(sockets.slice(k, k + 500).map((s) => new Promise((resolve) => s.emit('watch', { eventId }, resolve))));
  }
}
send({ t: 'ready', connected: sockets.length, failed });

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'stop') return;
  const disconnected = sockets.filter((s) => !s.connected).length;
  for (const s of sockets) s.close();
  // A pipe is written asynchronously: exit only once the (large) last line is out.
  const last = { t: 'done' as const, position, offer, ticks, entryPushes, availabilityPushes, soldOutSeenAt, disconnected, rss: process.memoryUsage().rss };
  process.stdout.write(`${JSON.stringify(last)}\n`, () => process.exit(0));
});
