// Whether a process of this machine is still running, by its pid: what the sweeps of dead runs,
// of killed writers' temporary files, of killed tests' bridges and of abandoned builders ask.
// EPERM means it runs as another user: alive, not ours to remove. A zombie (ended, not yet
// reaped by its parent: a daemon whose parent is an init that reaps late, a killed run whose
// parent has not waited yet) has ended: only its pid is left.
import { readFileSync } from 'node:fs';

export function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/** /proc/<pid>/stat's state is Z (Linux; elsewhere, or where it cannot be read, no). */
function isZombie(pid: number): boolean {
  try {
    // "<pid> (<comm>) <state> ...": comm may hold spaces and parentheses, so the state follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}
