/**
 * A TCP proxy in front of the SMTP server that forwards everything until a client starts sending a
 * message body (the DATA command), then stops forwarding anything: a send caught mid-way, which the
 * server never completes. `dataSent` resolves at that moment, so a test can kill the sender then.
 */
import net from 'node:net';

export interface SmtpStallProxy {
  url: string;
  dataSent: Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpStallProxy(targetPort: number): Promise<SmtpStallProxy> {
  let stalled = false;
  let onData!: () => void;
  const dataSent = new Promise<void>((resolve) => (onData = resolve));
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('data', (chunk) => {
      if (stalled) return;
      if (/^DATA\r?$/m.test(chunk.toString('latin1'))) {
        stalled = true;
        onData();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => void (stalled || client.write(chunk)));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    dataSent,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
