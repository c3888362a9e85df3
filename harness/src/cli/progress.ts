// What a long command is doing, as it does it: which app (of how many), which image, which
// step, and how long it has been at it. On a terminal, one status line redrawn in place (with
// finished phases printed above it); elsewhere (CI logs, a pipe), plain lines, one per event,
// each with the elapsed time.
import type { BuildProgress } from '../engine/build.ts';
import { formatMs } from '../format.ts';

export interface ProgressState {
  /** "node-api", with its place in the run. */
  app?: { name: string; index: number; total: number };
  /** What is being done for it: "single-stage image", "claim: cache", ... */
  phase?: string;
  /** The build step running now, as BuildKit names it. */
  step?: string;
  /** When the run, the app and the step began (ms since the epoch). */
  runStarted: number;
  appStarted?: number;
  stepStarted?: number;
}

/** A stretch of the run: from one app or phase to the next. */
export interface Step {
  /** "node-api multi-stage image", "base images". */
  label: string;
  ms: number;
  /** Its longest build step that ran (not cached), as BuildKit names it. */
  longestBuild?: { step: string; ms: number };
}

export interface Progress {
  app(name: string, index: number, total: number): void;
  phase(text: string): void;
  /** Feeds a build's events: the running step, and each finished one. */
  build(event: BuildProgress): void;
  /** A line that stays (a note, a warning, a result). */
  line(text: string): void;
  /** Clears the status line and stops the clock (again: nothing more). */
  stop(): void;
  /** The run's finished steps, in order (stop() finishes the last), and how long the run has taken (to stop(), once stopped). */
  steps(): { steps: Step[]; totalMs: number };
}

/**
 * Where the time went, for the end of a run: its `count` longest steps, longest first, each with
 * its share of the whole and its longest build step (one of a second or more):
 * "  8:12   26%  java-api multi-stage image (longest build step 6:40: [build 5/8] RUN mvn package)".
 */
export function longestSteps(steps: Step[], totalMs: number, count = 5): string[] {
  if (steps.length === 0 || totalMs <= 0) return [];
  const longest = [...steps].sort((a, b) => b.ms - a.ms).slice(0, count);
  const share = (ms: number) => {
    const percent = (ms / totalMs) * 100;
    return percent < 1 ? '<1%' : `${Math.round(percent)}%`;
  };
  const width = Math.max(...longest.map((s) => clock(s.ms).length));
  return [
    `where the time went: the ${longest.length} longest of ${steps.length} steps, of ${clock(totalMs)} in all`,
    ...longest.map((s) => {
      // A build step under a second says nothing about where a step's time went (its build was cached).
      const build =
        s.longestBuild && s.longestBuild.ms >= 1000
          ? ` (longest build step ${clock(s.longestBuild.ms)}: ${clip(s.longestBuild.step.replace(/\s+/g, ' '), 80)})`
          : '';
      return `  ${clock(s.ms).padStart(width)}  ${share(s.ms).padStart(4)}  ${s.label}${build}`;
    }),
  ];
}

const ellipsis = '…';

function clip(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}${ellipsis}`;
}

/** Minutes and seconds: "1:02". */
export function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The status line for a terminal `columns` wide: "[2/3 node-api 1:02] multi-stage image · [build 3/7] RUN ... 12.3 s". */
export function statusLine(state: ProgressState, now: number, columns: number): string {
  const head = state.app
    ? `[${state.app.index}/${state.app.total} ${state.app.name} ${clock(now - (state.appStarted ?? now))}]`
    : `[${clock(now - state.runStarted)}]`;
  const phase = state.phase ? ` ${state.phase}` : '';
  const stepTime = state.step && state.stepStarted !== undefined ? ` ${formatMs(now - state.stepStarted)}` : '';
  const room = columns - 1 - head.length - phase.length - stepTime.length - 3;
  const step = state.step ? ` · ${clip(state.step.replace(/\s+/g, ' '), room)}` : '';
  return clip(`${head}${phase}${step}${stepTime}`, columns - 1);
}

/** The plain line for a finished build step: "  [node-api multi] [build 3/7] RUN ... 12.3 s". */
export function stepDoneLine(prefix: string, event: Extract<BuildProgress, { kind: 'step-done' }>): string {
  const took = event.cached ? 'CACHED' : event.durationMs !== undefined ? formatMs(event.durationMs) : '';
  return `  [${prefix}] ${event.step.slice(0, 110)} ${took}`;
}

export interface ProgressOptions {
  /** Draw a status line (default: whether the stream is a terminal). */
  tty?: boolean;
  /** How often the status line is redrawn, ms. */
  tickMs?: number;
  now?: () => number;
}

export function createProgress(stream: NodeJS.WriteStream, options: ProgressOptions = {}): Progress {
  const tty = options.tty ?? Boolean(stream.isTTY);
  const now = options.now ?? Date.now;
  const state: ProgressState = { runStarted: now() };
  // The steps timed so far; `open` is the one running (begun at app() or phase()), closed by the next.
  const steps: Step[] = [];
  let open: (Step & { started: number }) | undefined;
  let stoppedAt: number | undefined;
  const close = () => {
    if (!open) return;
    const { started, ...step } = open;
    steps.push({ ...step, ms: now() - started });
    open = undefined;
  };
  const begin = (label: string) => {
    close();
    open = { label, ms: 0, started: now() };
  };
  let drawn = false;
  const clearLine = () => {
    if (drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };
  const draw = () => {
    if (!tty) return;
    clearLine();
    stream.write(statusLine(state, now(), stream.columns || 100));
    drawn = true;
  };
  const timer = tty ? setInterval(draw, options.tickMs ?? 500) : undefined;
  timer?.unref();
  const elapsed = () => `[${clock(now() - state.runStarted)}]`;
  const where = () => [state.app?.name, state.phase].filter(Boolean).join(' ');
  const line = (text: string) => {
    clearLine();
    stream.write(`${text}\n`);
    draw();
  };
  return {
    app(name, index, total) {
      state.app = { name, index, total };
      state.appStarted = now();
      delete state.phase;
      delete state.step;
      begin(`${name}: starting`);
      line(`${elapsed()} ${name} (${index}/${total}): building and measuring`);
    },
    phase(text) {
      state.phase = text;
      delete state.step;
      begin(where());
      if (tty) draw();
      else line(`${elapsed()} ${where()}`);
    },
    build(event) {
      if (event.step.startsWith('[internal]')) return;
      if (event.kind === 'step-started') {
        state.step = event.step;
        state.stepStarted = now();
        draw();
      } else if (event.kind === 'step-done') {
        // On a terminal the status line shows the running step; a log keeps every finished one.
        if (!tty) line(stepDoneLine(where(), event));
        const ms = event.durationMs;
        if (open && !event.cached && ms !== undefined && ms > (open.longestBuild?.ms ?? -1)) open.longestBuild = { step: event.step, ms };
      }
    },
    line,
    stop() {
      if (timer) clearInterval(timer);
      clearLine();
      close();
      stoppedAt ??= now();
    },
    steps() {
      return { steps: [...steps], totalMs: (stoppedAt ?? now()) - state.runStarted };
    },
  };
}
