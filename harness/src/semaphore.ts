// At most `limit` jobs at once (the machines are 2 cores): the rest wait their turn, in order,
// or by priority where a job has one: of those waiting, the one with the highest priority now
// (asked when a slot frees, so a priority may rise while its job waits) goes next, the first
// come among equals.
export class Semaphore {
  private active = 0;
  private readonly waiting: { go: () => void; priority: () => number }[] = [];
  private readonly limit: number;
  constructor(limit: number) {
    this.limit = Math.max(1, limit);
  }
  async run<T>(fn: () => Promise<T>, priority: () => number = () => 0): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((go) => this.waiting.push({ go, priority }));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.next();
    }
  }
  private next(): void {
    if (this.waiting.length === 0) return;
    let best = 0;
    for (let i = 1; i < this.waiting.length; i++) if (this.waiting[i]!.priority() > this.waiting[best]!.priority()) best = i;
    this.waiting.splice(best, 1)[0]!.go();
  }
}
