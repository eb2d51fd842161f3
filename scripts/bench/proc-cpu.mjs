// CPU time of a process from /proc/<pid>/stat, for Evident's benchmarks: user + system time of the
// process itself, and of the children it has waited for (each child's own figure includes the
// children it waited for in turn, so a process tree that reaps its processes is counted whole).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** { own, children }: CPU seconds (user + system) of the process, and of its waited-for children. */
export function cpuTimes(pid = 'self') {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
  const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
  return { own: (utime + stime) / ticksPerSecond, children: (cutime + cstime) / ticksPerSecond };
}
