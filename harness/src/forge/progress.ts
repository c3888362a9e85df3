// What the terminal shows while the forge works: which image, which step, how long. Builds run
// concurrently, so every line names its image; a heartbeat repeats the running steps, so a
// long `apt-get install` is visibly alive rather than silent.

import type { BaseStatus } from './base-status.ts';

export interface Task {
  step(name: string): void;
  done(detail: string): void;
  fail(): void;
}

const HEARTBEAT_MS = 20_000;

export class Progress {
  private readonly started = Date.now();
  private readonly active = new Map<string, { since: number; step: string; stepSince: number }>();
  private timer: NodeJS.Timeout | undefined;
  private readonly log: (line: string) => void;

  constructor(log: (line: string) => void) {
    this.log = log;
  }

  note(line: string): void {
    this.log(`forge ${clock(Date.now() - this.started)}  ${line}`);
  }

  start(image: string): Task {
    const state = { since: Date.now(), step: 'starting', stepSince: Date.now() };
    this.active.set(image, state);
    this.note(`${image}: forging`);
    this.timer ??= setInterval(() => this.heartbeat(), HEARTBEAT_MS).unref();
    return {
      step: (name) => {
        state.step = name;
        state.stepSince = Date.now();
        this.note(`${image}: ${short(name)}`);
      },
      done: (detail) => {
        this.active.delete(image);
        this.note(`${image}: done in ${clock(Date.now() - state.since)}${detail ? ` (${detail})` : ''}`);
      },
      fail: () => {
        this.active.delete(image);
        this.note(`${image}: FAILED after ${clock(Date.now() - state.since)} at ${short(state.step)}`);
      },
    };
  }

  summary(statuses: BaseStatus[], failures: number): void {
    const count = (origin: BaseStatus['origin']) => statuses.filter((s) => s.origin === origin).length;
    this.note(
      `${statuses.length} base image(s): ${count('present')} present, ${count('pulled')} pulled, ${count('forged')} forged${failures ? `, ${failures} FAILED` : ''}; ${((Date.now() - this.started) / 1000).toFixed(1)} s`,
    );
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private heartbeat(): void {
    for (const [image, state] of this.active) {
      if (Date.now() - state.stepSince < HEARTBEAT_MS) continue; // its last line is recent enough
      this.note(`${image}: still at ${short(state.step)} (${clock(Date.now() - state.stepSince)} in this step, ${clock(Date.now() - state.since)} in all)`);
    }
  }
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function short(step: string): string {
  const oneLine = step.replace(/\s+/g, ' ');
  return oneLine.length > 110 ? `${oneLine.slice(0, 107)}...` : oneLine;
}
