// Runs host commands the forge needs (mmdebstrap), streaming their output line by line, with
// a time limit that ends the whole process group; and the error a failed step reports.

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { runIdVariable } from '../engine/orphaned-clients.ts';
import { runId } from '../engine/ownership.ts';

/** A failed step, its reason and its last output lines: enough to act on without scrolling. */
export class ForgeStepError extends Error {
  readonly step: string;
  readonly reason: string;
  readonly logTail: string[];
  constructor(what: string, step: string, reason: string, logTail: string[]) {
    super(`${what} failed at step ${step}: ${reason}${logTail.length ? `\n    ${logTail.join('\n    ')}` : ''}`);
    this.name = 'ForgeStepError';
    this.step = step;
    this.reason = reason;
    this.logTail = logTail;
  }
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  onLine: (line: string) => void;
}

/** Runs a command, feeding each stdout/stderr line to onLine; resolves to the exit code, null on timeout. */
export function run(command: string, args: string[], options: RunOptions): Promise<number | null> {
  return new Promise((resolve, reject) => {
    // Own process group, so a timeout ends the command and anything it started; the run's id in
    // its environment, so the next run stops it if this one is killed (orphaned-clients.ts).
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...options.env, [runIdVariable]: runId() },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }, options.timeoutMs);
    for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', options.onLine);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(timedOut ? null : code);
    });
  });
}
