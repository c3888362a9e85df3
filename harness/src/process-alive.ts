// Whether a process of this machine is still running, by its pid: what the sweeps of dead runs,
// of killed writers' temporary files and of killed tests' bridges ask. EPERM means it runs as
// another user: alive, not ours to remove.
export function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
