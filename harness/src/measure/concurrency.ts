// Whether BuildKit built independent stages side by side, read from one build's own step times
// (BuildKit's started/completed for each step), not from separate builds whose shared stages,
// exports and downloads would blur the sum. Each named stage brings the stages only it needs
// (a frontend build its dependency install), and leaves out those the others need too (a shared
// toolchain), so that busy times add up to work done once.
import type { BuildStep } from '../engine/build.ts';
import { stagesForTarget, type DockerfileAnalysis, type Stage } from '../dockerfile/stages.ts';

/** BuildKit's name for a stage in its step names: "[frontend-build 2/4] RUN ..." or "[stage-3 1/2] ...". */
const stageLabel = (stage: Stage) => stage.name ?? `stage-${stage.index}`;

/** For each of `targets`, the labels of the stages it needs that none of the other targets needs. */
export function exclusiveStages(analysis: DockerfileAnalysis, targets: string[]): Map<string, Set<string>> {
  const needs = new Map(targets.map((target) => [target, new Set(stagesForTarget(analysis, target).map(stageLabel))]));
  return new Map(
    targets.map((target) => {
      const others = targets.filter((t) => t !== target).flatMap((t) => [...needs.get(t)!]);
      return [target, new Set([...needs.get(target)!].filter((label) => !others.includes(label)))];
    }),
  );
}

/** The length of the union of [start, end] intervals, ms. */
export function unionMs(intervals: [number, number][]): number {
  let total = 0;
  let reach = -Infinity;
  for (const [start, end] of [...intervals].sort((a, b) => a[0] - b[0])) {
    if (end <= reach) continue;
    total += end - Math.max(start, reach);
    reach = end;
  }
  return total;
}

export interface StageOverlap {
  /** Per target: how long its own steps were running (their union), ms. */
  busyMs: number[];
  /** How long any of them was running, ms: less than the busy times added up when they overlapped. */
  togetherMs: number;
}

/** How long each target's own stages ran in one build, and how long they ran together. */
export function stageOverlap(steps: BuildStep[], stages: Map<string, Set<string>>): StageOverlap {
  const timed = steps.flatMap((step) => {
    const label = /^\[(\S+) \d+\/\d+\]/.exec(step.name)?.[1];
    return label && step.startedAt !== undefined && step.completedAt !== undefined && !step.cached
      ? [{ label, span: [step.startedAt, step.completedAt] as [number, number] }]
      : [];
  });
  const spans = [...stages.values()].map((labels) => timed.filter((t) => labels.has(t.label)).map((t) => t.span));
  return { busyMs: spans.map(unionMs), togetherMs: unionMs(spans.flat()) };
}
