/** Child processes of the on-sale bench (JSON lines both ways). */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { repoRoot } from '../../scripts/lib/tools.js';
import type { ChildMessage } from './onsale-plan.js';

export interface Child {
  child: ChildProcess;
  /** Resolves with the next message of this type. */
  next<T extends ChildMessage['t']>(type: T): Promise<Extract<ChildMessage, { t: T }>>;
  onMessage(listener: (message: ChildMessage) => void): void;
  command(line: string): void;
  /** Resolves with the first stdout line matching (for servers printing a marker). */
  line(pattern: RegExp): Promise<RegExpExecArray>;
  kill(): void;
}

export function startChild(script: string, args: string[], env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const listeners: Array<(m: ChildMessage) => void> = [];
  const lineWaiters: Array<{ pattern: RegExp; resolve: (m: RegExpExecArray) => void }> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    for (const waiter of [...lineWaiters]) {
      const match = waiter.pattern.exec(line);
      if (match) {
        lineWaiters.splice(lineWaiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
    if (!line.startsWith('{')) return;
    let message: ChildMessage;
    try {
      message = JSON.parse(line) as ChildMessage;
    } catch {
      console.error(`[onsale] ${script}: unreadable line (${line.length} chars)`);
      return;
    }
    for (const listener of [...listeners]) listener(message);
  });
  // A bench that dies must not leave its clients and servers behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => {
      process.off('exit', killOnExit);
      reject(new Error(`${script} exited (${code})`));
    }),
  );
  exited.catch(() => undefined);
  return {
    child,
    next(type) {
      return Promise.race([
        exited,
        new Promise<never>((resolve) => {
          const listener = (m: ChildMessage) => {
            if (m.t !== type) return;
            listeners.splice(listeners.indexOf(listener), 1);
            (resolve as unknown as (m: ChildMessage) => void)(m);
          };
          listeners.push(listener);
        }),
      ]);
    },
    onMessage: (listener) => listeners.push(listener),
    command: (line) => child.stdin.write(`${line}\n`),
    line: (pattern) => Promise.race([exited, new Promise<RegExpExecArray>((resolve) => lineWaiters.push({ pattern, resolve }))]),
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
