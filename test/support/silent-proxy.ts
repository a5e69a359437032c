/**
 * A TCP proxy in front of the database that can fall silent: a network partition, as opposed to a
 * database that stops (whose closed sockets fail every call at once). While silent it keeps every
 * socket open and forwards nothing, so calls wait for an answer that never comes.
 */
import net from 'node:net';

export interface SilentProxy {
  url: string;
  /** From now on nothing is forwarded either way; sockets stay open. */
  silence(): void;
  /** Ends the partition: the silenced sockets are dropped (as a real partition's would time out), new ones forward again. */
  restore(): void;
  close(): Promise<void>;
}

export async function startSilentProxy(target: URL): Promise<SilentProxy> {
  let silent = false;
  const pairs = new Set<[net.Socket, net.Socket]>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    const forward = (from: net.Socket, to: net.Socket) => from.on('data', (chunk) => void (silent || to.write(chunk)));
    forward(client, upstream);
    forward(upstream, client);
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
    for (const [a, b] of pairs) {
      a.destroy();
      b.destroy();
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
    close: async () => {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
