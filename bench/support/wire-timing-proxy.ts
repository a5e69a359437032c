/**
 * Diagnostics for the on-sale bench (ONSALE_WIRE_STATS=1): a TCP proxy between the backend and the
 * database that reads the MongoDB wire protocol (OP_MSG) just enough to time every command by
 * name, collection and filter keys. On "stop" it prints the totals as one JSON line.
 */
import net from 'node:net';
import { createInterface } from 'node:readline';
import { BSON } from 'mongodb';

const [targetPort] = process.argv.slice(2).map(Number);
const stats = new Map<string, { n: number; totalMs: number; maxMs: number }>();

/** The command document of an OP_MSG: its kind-0 section (kind-1 sections carry document batches). */
function body(message: Buffer): Record<string, any> | undefined {
  let at = 20;
  while (at < message.length) {
    const kind = message[at];
    if (kind === 0) return BSON.deserialize(message.subarray(at + 1, at + 1 + message.readInt32LE(at + 1)));
    if (kind !== 1) return undefined;
    at += 1 + message.readInt32LE(at + 1);
  }
  return undefined;
}

/** "update checkout_sessions {sessionId}" — what the command is and what it filters on. */
function describe(message: Buffer): string {
  const opCode = message.readInt32LE(12);
  if (opCode !== 2013) return `op ${opCode}`;
  try {
    const doc = body(message);
    if (!doc) return 'unreadable';
    const command = Object.keys(doc)[0]!;
    const target = typeof doc[command] === 'string' ? ` ${doc[command]}` : '';
    const first = command === 'find' ? doc.filter : (doc.updates ?? doc.deletes)?.[0]?.q;
    const filter = first && Object.keys(first).length ? ` {${Object.keys(first).join(',')}}` : '';
    const upsert = command === 'update' && doc.updates?.some((u: { upsert?: boolean }) => u.upsert) ? ' upsert' : '';
    return `${command}${target}${filter}${upsert}`;
  } catch {
    return 'unreadable';
  }
}

/** Splits a byte stream into wire messages (each starts with its int32 length). */
function messages(onMessage: (message: Buffer) => void): (chunk: Buffer) => void {
  let buffered: Buffer = Buffer.alloc(0);
  return (chunk) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    while (buffered.length >= 4 && buffered.length >= buffered.readInt32LE(0)) {
      const length = buffered.readInt32LE(0);
      onMessage(buffered.subarray(0, length));
      buffered = buffered.subarray(length);
    }
  };
}

const proxy = net.createServer((client) => {
  const server = net.connect(targetPort!, '127.0.0.1');
  const pending = new Map<number, { name: string; at: number }>();
  client.on('data', (chunk: Buffer) => server.write(chunk));
  client.on(
    'data',
    messages((m) => pending.set(m.readInt32LE(4), { name: describe(m), at: performance.now() })),
  );
  server.on('data', (chunk: Buffer) => client.write(chunk));
  server.on(
    'data',
    messages((m) => {
      const request = pending.get(m.readInt32LE(8));
      if (!request) return;
      pending.delete(m.readInt32LE(8));
      const ms = performance.now() - request.at;
      const s = stats.get(request.name) ?? { n: 0, totalMs: 0, maxMs: 0 };
      s.n += 1;
      s.totalMs += ms;
      s.maxMs = Math.max(s.maxMs, ms);
      stats.set(request.name, s);
    }),
  );
  const close = () => {
    client.destroy();
    server.destroy();
  };
  for (const socket of [client, server]) {
    socket.on('error', close);
    socket.on('close', close);
  }
});
proxy.listen(0, '127.0.0.1', () => process.stdout.write(`PROXY_LISTENING ${(proxy.address() as net.AddressInfo).port}\n`));

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'stop') return;
  const rows = [...stats.entries()].map(([command, s]) => ({ command, ...s })).sort((a, b) => b.totalMs - a.totalMs);
  process.stdout.write(`${JSON.stringify({ t: 'done', rows })}\n`, () => process.exit(0));
});
