/**
 * A TCP proxy in front of the database that can fall silent: a network partition, as opposed to a
 * database that stops (whose closed sockets fail every call at once). While silent it keeps every
 * socket open and forwards nothing, so calls wait for an answer that never comes.
 *
 * It can also slow down one kind of call: answers to requests that contain given bytes (a
 * collection's name) are kept back, in order, until released, while every other call flows; and
 * it tells when a request containing given bytes has gone to the database. A test uses both to
 * decide what a backend hears before it acts.
 */
import net from 'node:net';

export interface SilentProxy {
  url: string;
  /** From now on nothing is forwarded either way; sockets stay open. */
  silence(): void;
  /** Ends the partition: the silenced sockets are dropped (as a real partition's would time out), new ones forward again. */
  restore(): void;
  /** From now on the answer to any request containing `bytes` is kept back until release(); other calls flow. */
  holdAnswersTo(bytes: Buffer): void;
  /** Resolves once a request containing `bytes` has been forwarded to the database; rejects after `timeoutMs`. */
  sent(bytes: Buffer, timeoutMs: number, what: string): Promise<void>;
  /** Delivers every answer kept back, in order, and keeps none from now on. */
  release(): void;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  /** The last request on this connection asked for an answer that is kept back. */
  holding: boolean;
  heldAnswers: Buffer[];
  /** The end of the previous request chunk, so bytes split across two chunks are still seen. */
  tail: Buffer;
}

export async function startSilentProxy(target: URL): Promise<SilentProxy> {
  let silent = false;
  let holdFor: Buffer | undefined;
  const pairs = new Set<Pair>();
  const watches: Array<{ bytes: Buffer; seen: () => void }> = [];
  const longest = () => Math.max(holdFor?.length ?? 0, ...watches.map((w) => w.bytes.length));

  const onRequest = (pair: Pair, chunk: Buffer) => {
    const seen = Buffer.concat([pair.tail, chunk]);
    pair.tail = seen.subarray(Math.max(0, seen.length - longest()));
    if (holdFor && seen.includes(holdFor)) pair.holding = true;
    for (const watch of watches.splice(0)) {
      if (seen.includes(watch.bytes)) watch.seen();
      else watches.push(watch);
    }
  };

  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    const pair: Pair = { client, upstream, holding: false, heldAnswers: [], tail: Buffer.alloc(0) };
    pairs.add(pair);
    client.on('data', (chunk: Buffer) => {
      if (silent) return;
      upstream.write(chunk);
      onRequest(pair, chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (silent) return;
      if (pair.holding) pair.heldAnswers.push(chunk);
      else client.write(chunk);
    });
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const dropAll = () => {
    for (const { client, upstream } of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  return {
    url: `mongodb://127.0.0.1:${port}/`,
    silence: () => {
      silent = true;
    },
    restore: () => {
      dropAll();
      silent = false;
    },
    holdAnswersTo: (bytes) => {
      holdFor = bytes;
    },
    sent: (bytes, timeoutMs, what) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
        watches.push({
          bytes,
          seen: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
    release: () => {
      holdFor = undefined;
      for (const pair of pairs) {
        pair.holding = false;
        if (pair.heldAnswers.length > 0) pair.client.write(Buffer.concat(pair.heldAnswers.splice(0)));
      }
    },
    close: async () => {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
