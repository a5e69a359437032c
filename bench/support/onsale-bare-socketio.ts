/**
 * The Socket.IO baseline: a bare server (nothing but socket.io 4 on node:http, WebSocket
 * transport) that broadcasts `tick` { sentAt } to every client when told to, so the same client
 * processes can time a plain broadcast beside the backend's pushes.
 */
import http from 'node:http';
import { createInterface } from 'node:readline';
import { Server } from 'socket.io';

const server = http.createServer();
const ioServer = new Server(server, { transports: ['websocket'], cors: { origin: '*' } });
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(`QUEUETIX_LISTENING http://127.0.0.1:${port}\n`);
});

createInterface({ input: process.stdin }).on('line', async (line) => {
  const [command, countText, gapText] = line.trim().split(' ');
  if (command !== 'broadcast') return;
  for (let i = 0; i < Number(countText); i++) {
    ioServer.emit('tick', { sentAt: Date.now() });
    await new Promise((r) => setTimeout(r, Number(gapText)));
  }
  process.stdout.write(`BROADCAST_DONE ${ioServer.engine.clientsCount}\n`);
});
