/**
 * A tool server the project runs on loopback (PostgreSQL, FerretDB, Mailpit): started and awaited until it
 * answers, stopped (SIGTERM, SIGKILL after 5 s) and started again on the same ports, as the fault
 * tests do to simulate an outage.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Plain functions (no `this`), so they can be handed on as they are. */
export interface ServiceProcess {
  start: () => Promise<void>;
  stop: () => Promise<void>;
}

export interface ServiceSpec {
  /** Named in the error when it exits before answering. */
  name: string;
  binary: string;
  args: string[];
  logFile?: string;
  /** Resolves once the service answers (rejects when it never does). */
  ready(): Promise<void>;
  /** Run it as another OS user (PostgreSQL refuses to run as root). */
  user?: { uid: number; gid: number };
  env?: NodeJS.ProcessEnv;
  /** SIGTERM unless given (PostgreSQL's SIGTERM waits for every client to leave; SIGINT does not). */
  stopSignal?: NodeJS.Signals;
  /**
   * Its own process group, so a Ctrl-C in the terminal reaches only the parent, which stops it after
   * the backend has drained (`npm start`); the tests leave it in theirs, so a Ctrl-C ends it with them.
   */
  detached?: boolean;
  /**
   * Where its pid is kept while it runs: a copy an earlier run left running (that run was killed with
   * SIGKILL, so nothing stopped it) holds the port, and is stopped before this one starts.
   */
  pidFile?: string;
}

export function serviceProcess(spec: ServiceSpec): ServiceProcess {
  let child: ChildProcess | undefined;
  return {
    start: async () => {
      if (spec.logFile) mkdirSync(path.dirname(spec.logFile), { recursive: true });
      if (spec.pidFile) await stopLeftover(spec.pidFile, spec.binary, spec.name);
      const out = spec.logFile ? openSync(spec.logFile, 'a') : 'ignore';
      const started = spawn(spec.binary, spec.args, { stdio: ['ignore', out, out], ...spec.user, env: spec.env ?? process.env, detached: spec.detached });
      if (typeof out === 'number') closeSync(out);
      child = started;
      if (spec.pidFile && started.pid) writeFileSync(spec.pidFile, `${started.pid}\n`);
      started.once('exit', () => spec.pidFile && rmSync(spec.pidFile, { force: true }));
      const seeLog = spec.logFile ? `; its log: ${spec.logFile}` : '';
      const exited = new Promise<never>((_, reject) =>
        started.once('exit', (code, signal) => reject(new Error(`${spec.name} exited early (${signal ?? `code ${code}`})${seeLog}`))),
      );
      exited.catch(() => undefined);
      try {
        await Promise.race([spec.ready(), exited]);
      } catch (err) {
        // Never left running unowned when it did not come up in time.
        if (started.exitCode === null && started.signalCode === null) started.kill('SIGKILL');
        throw err;
      }
    },
    stop: async () => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill(spec.stopSignal ?? 'SIGTERM');
        setTimeout(() => c.kill('SIGKILL'), 5_000).unref();
      });
    },
  };
}

/** Fails with a message naming the port and what to set instead when something already listens there. */
export async function assertPortFree(port: number, name: string, variable?: string): Promise<void> {
  const inUse = await new Promise<boolean>((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(true));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(false)));
  });
  if (inUse) throw new Error(`${name}: port ${port} on 127.0.0.1 is taken by another process${variable ? ` — stop it or set ${variable} to a free port` : ''}`);
}

/** Whether a process runs (a zombie waiting for a parent that never reaps it does not). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/**
 * Stops the process a pid file names when it is still running, is what the file says it is (its
 * command line names \`expect\`: a pid reused by another program is left alone) and lost its owner
 * (its parent is no longer a node process), SIGKILL after 10 s.
 */
export async function stopLeftover(pidFile: string, expect: string, name: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !alive(pid)) return;
  const cmdline = readCmdline(pid);
  if (!cmdline.includes(expect)) return;
  // Still owned (a second `npm start` on the same checkout): that one is not ours to stop.
  const parent = Number(/^\d+ \(.*\) \S (\d+)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1]);
  if (parent > 1 && alive(parent) && readCmdline(parent).includes('node')) {
    throw new Error(`${name} is already running on this data (pid ${pid}, started by pid ${parent}): stop that one first`);
  }
  console.error(`[${name}] stopping the copy an earlier run left running (pid ${pid})`);
  process.kill(pid, signal);
  for (let waited = 0; alive(pid); waited += 100) {
    if (waited === 10_000) process.kill(pid, 'SIGKILL');
    if (waited === 15_000) throw new Error(`${name}: the copy an earlier run left running (pid ${pid}) does not stop`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function readCmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}
