/**
 * A private Redis on loopback for `npm start` with WORKERS > 1 (the instances share pushes and rate
 * limits through it), when REDIS_URL is unset and the machine has redis-server. In memory only.
 */
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import { freePort } from './ferretdb.js';
import { serviceProcess } from './service-process.js';

export interface RedisProcess {
  url: string;
  stop(): Promise<void>;
}

/** The redis-server on PATH, if any. */
export function findRedisServer(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startRedis(binary: string, logFile?: string): Promise<RedisProcess> {
  const port = await freePort();
  const service = serviceProcess({
    name: 'Redis',
    binary,
    args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    logFile,
    ready: async () => {
      const until = Date.now() + 10_000;
      while (!(await answersPing(port))) {
        if (Date.now() > until) throw new Error(`Redis did not answer on port ${port}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  });
  await service.start();
  return { url: `redis://127.0.0.1:${port}`, stop: service.stop };
}
