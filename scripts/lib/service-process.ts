/**
 * A tool server the project runs on loopback (FerretDB, Mailpit): started and awaited until it
 * answers, stopped (SIGTERM, SIGKILL after 5 s) and started again on the same ports, as the fault
 * tests do to simulate an outage.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
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
}

export function serviceProcess(spec: ServiceSpec): ServiceProcess {
  let child: ChildProcess | undefined;
  return {
    start: async () => {
      if (spec.logFile) mkdirSync(path.dirname(spec.logFile), { recursive: true });
      const out = spec.logFile ? openSync(spec.logFile, 'a') : 'ignore';
      const started = spawn(spec.binary, spec.args, { stdio: ['ignore', out, out] });
      child = started;
      const exited = new Promise<never>((_, reject) => started.once('exit', (code) => reject(new Error(`${spec.name} exited early (code ${code})`))));
      exited.catch(() => undefined);
      await Promise.race([spec.ready(), exited]);
    },
    stop: async () => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGTERM');
        setTimeout(() => c.kill('SIGKILL'), 5_000).unref();
      });
    },
  };
}
