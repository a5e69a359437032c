/** What /proc tells about processes: the CPU time they used, and which are whose children. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSec: number | undefined;

/** The unit of /proc's CPU times (CLK_TCK: 100 on nearly every Linux, asked once). */
function ticksPerSecond(): number {
  ticksPerSec ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  return ticksPerSec;
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses): state, ppid, … */
function statFields(pid: number | string): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** utime + stime of a /proc stat file (a process's, or one of its threads' under task/), in seconds. */
function statCpuSeconds(pid: number | string): number {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
}

/** CPU seconds (user + system) a process has used so far: how a bench charges work to a process. */
export function cpuSeconds(pid: number): number {
  return statCpuSeconds(pid);
}

/**
 * CPU seconds of a process's main thread alone (its event loop, for node): what bounds how many
 * requests one process can take, while work on libuv's threads and V8's helpers runs beside it.
 */
export function mainThreadCpuSeconds(pid: number): number {
  return statCpuSeconds(`${pid}/task/${pid}`);
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
      own.set(Number(entry), (Number(fields[11]) + Number(fields[12]) + reaped) / ticksPerSecond());
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
