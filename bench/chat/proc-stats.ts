/** CPU and memory of processes as Linux accounts them in /proc, read from outside the process measured. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Fields of /proc/<pid>/stat after the command name, which may itself hold spaces and parentheses. */
function statFields(pid: number | string): string[] | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return line.slice(line.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** User plus system CPU seconds the process has used so far (utime and stime, fields 14 and 15). */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  if (!fields) return Number.NaN;
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident memory now, in MB (VmRSS). */
export function rssMb(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds used so far, per process. */
export type CpuSnapshot = ReadonlyMap<string, number>;

/** The cluster's shared writers work for every database; client backends show their database in their title. */
const SHARED_POSTGRES_WORK = /postgres: .*(checkpointer|background writer|walwriter|autovacuum)/;

/**
 * The PostgreSQL processes that work for `database`: its backends (the process title names the
 * database) and the cluster's shared writers, so other clients of the same cluster do not count.
 */
export function postgresCpuSnapshot(database: string): CpuSnapshot {
  const snapshot = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let title: string;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      title = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    if (!title.includes(` ${database} `) && !SHARED_POSTGRES_WORK.test(title)) continue;
    const fields = statFields(entry);
    if (fields) snapshot.set(entry, (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND);
  }
  return snapshot;
}

/** CPU seconds used between two snapshots; a process that ended in between is missing (a slight underestimate). */
export function cpuSecondsBetween(before: CpuSnapshot, after: CpuSnapshot): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

export interface MachineCpu {
  readonly busy: number;
  readonly total: number;
}

/** Busy and total jiffies of all CPUs together (first line of /proc/stat; idle and iowait count as not busy). */
export function machineCpu(): MachineCpu {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** Share of the whole machine (all CPUs) that was busy between two readings, 0 to 1. */
export const machineBusyShare = (before: MachineCpu, after: MachineCpu): number =>
  after.total > before.total ? (after.busy - before.busy) / (after.total - before.total) : Number.NaN;
