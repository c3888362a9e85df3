// At most `limit` jobs at once (the machines are 2 cores): the rest wait their turn, in order,
// or by priority where a job has one: of those waiting, the one with the highest priority now
// (asked when a slot frees, so a priority may rise while its job waits) goes next, the first
// come among equals.
export class Semaphore {
  private active = 0;
  /** Slots freed and held for `settleMs`, so that jobs a finished one unblocks can queue first. */
  private settling = 0;
  private readonly waiting: { go: () => void; priority: () => number }[] = [];
  private readonly limit: number;
  private readonly settleMs: number;
  /**
   * `settleMs`: a freed slot waits that long before it goes to the best job waiting. The forge's
   * builds wait for their parents: a job the finished build unblocks queues a few awaits later
   * (its parent's size read, its own recipe hash), and without the pause the slot had already
   * gone to a lesser job (a cold run started static-web-server, the longest, 52 s late so).
   */
  constructor(limit: number, { settleMs = 0 }: { settleMs?: number } = {}) {
    this.limit = Math.max(1, limit);
    this.settleMs = settleMs;
  }
  async run<T>(fn: () => Promise<T>, priority: () => number = () => 0): Promise<T> {
    if (this.active + this.settling >= this.limit) await new Promise<void>((go) => this.waiting.push({ go, priority }));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      if (this.settleMs > 0) {
        this.settling++;
        // Not unref'd: the job that takes the slot may be all that keeps the process going (an
        // unref'd timer let the forge's process end with its last builds still queued: exit 13).
        setTimeout(() => {
          this.settling--;
          this.next();
        }, this.settleMs);
      } else this.next();
    }
  }
  private next(): void {
    if (this.waiting.length === 0) return;
    let best = 0;
    for (let i = 1; i < this.waiting.length; i++) if (this.waiting[i]!.priority() > this.waiting[best]!.priority()) best = i;
    this.waiting.splice(best, 1)[0]!.go();
  }
}
