/** Child processes of the on-sale bench (JSON lines both ways) and what /proc tells about processes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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

const TICKS_PER_SEC = 100;

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses): state, ppid, … */
function statFields(pid: number | string): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SEC;
}

/** CPU seconds of a process tree: the root with the children it has reaped (PostgreSQL's ended backends), and its live descendants. */
export function treeCpuSeconds(rootPid: number): number {
  const parentOf = new Map<number, number>();
  const own = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(entry);
      parentOf.set(Number(entry), Number(fields[1]));
      // utime, stime, and for the root cutime + cstime (what its exited children used).
      const reaped = Number(entry) === rootPid ? Number(fields[13]) + Number(fields[14]) : 0;
      own.set(Number(entry), (Number(fields[11]) + Number(fields[12]) + reaped) / TICKS_PER_SEC);
    } catch {
      /* gone */
    }
  }
  const inTree = (pid: number): boolean => {
    for (let at: number | undefined = pid, hops = 0; at !== undefined && at > 1 && hops < 64; at = parentOf.get(at), hops++) if (at === rootPid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, seconds] of own) if (inTree(pid)) total += seconds;
  return total;
}

/** Pids of this process's children named `comm` (e.g. the FerretDB the bench started). */
export function childPidsNamed(comm: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (name === comm && ppid === process.pid) out.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return out;
}
