/**
 * What one database command costs the process that sends it (the backend's side of every journal
 * write, user insert and payment look-up), beside a bare loopback round trip of the same size to a
 * separate echo process: that baseline is the socket write, the wake-up and the read alone, so the
 * difference is the mongodb driver's own work (BSON, sessions, server selection, pool, promises).
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import type { Collection } from 'mongodb';

export interface CommandCost {
  /** µs of CPU per operation in this process: user + system, and the system share. */
  cpuUs: number;
  systemUs: number;
}

const ECHO_SERVER = `
const net = require('node:net');
const server = net.createServer((s) => { s.setNoDelay(true); s.on('data', (d) => s.write(d)); });
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

async function timed(count: number, op: (k: number) => Promise<unknown>): Promise<CommandCost> {
  for (let k = 0; k < Math.min(300, count); k++) await op(k);
  const before = process.cpuUsage();
  for (let k = 0; k < count; k++) await op(k);
  const used = process.cpuUsage(before);
  return { cpuUs: (used.user + used.system) / count, systemUs: used.system / count };
}

/** A request of `bytes` over loopback TCP (no Nagle) and its echo, one at a time. */
export async function loopbackRoundTrip(count: number, bytes: number): Promise<CommandCost> {
  const child = spawn(process.execPath, ['-e', ECHO_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
      child.once('exit', (code) => reject(new Error(`echo server exited (${code})`)));
    });
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const payload = Buffer.alloc(bytes, 'x');
    const roundTrip = () =>
      new Promise<void>((resolve) => {
        let received = 0;
        const onData = (d: Buffer) => {
          received += d.length;
          if (received < bytes) return;
          socket.off('data', onData);
          resolve();
        };
        socket.on('data', onData);
        socket.write(payload);
      });
    const cost = await timed(count, roundTrip);
    socket.destroy();
    return cost;
  } finally {
    child.kill();
  }
}

/** insertOne of a ticket-sized document and findOne by _id of one inserted, one at a time through the driver. */
export async function driverCommands(collection: Collection<{ _id: string }>, count: number): Promise<{ insert: CommandCost; find: CommandCost }> {
  // Unique across timed()'s warm-up and its measured round, which both count k from 0.
  const inserted: string[] = [];
  const insert = await timed(count, (k) => {
    const _id = `c_${inserted.length}`;
    inserted.push(_id);
    return collection.insertOne({ _id, paymentId: `pi_${k}`, code: 'x'.repeat(22), amount: 2500, status: 'valid', at: new Date() } as { _id: string });
  });
  // Documents that exist: a miss would answer without reading one back.
  const find = await timed(count, (k) => collection.findOne({ _id: inserted[k]! }));
  return { insert, find };
}
