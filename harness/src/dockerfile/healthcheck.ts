// The HEALTHCHECK of a Dockerfile's production stage, as its flags say (dockerfile-ast reads
// them): how often it probes while the container starts and once it is healthy. The README's
// table of probe timings is rendered from it, and the apps' READMEs are checked against it.
import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import type { Healthcheck } from 'dockerfile-ast';
import { analyzeDockerfile } from './stages.ts';

export interface HealthcheckTiming {
  /** --interval (default 30 s): between probes once the start period is over or the container is healthy. */
  intervalMs: number;
  timeoutMs: number;
  /** --start-period (default 0). */
  startPeriodMs: number;
  /** --start-interval (Docker 25+): between probes during the start period; null without one. */
  startIntervalMs: number | null;
  retries: number;
}

/** A Go duration as Docker reads HEALTHCHECK flags ("100ms", "30s", "1m30s"), in ms. */
export function durationMs(text: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let rest = text.trim();
  while (rest) {
    const m = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/.exec(rest);
    if (!m) throw new Error(`not a duration: ${text}`);
    total += Number(m[1]) * units[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return total;
}

/**
 * The HEALTHCHECK CMD the stage `target` (the last stage when not named) ends up with: its own,
 * else the one of the stage it is built FROM, and so on (build args resolve `FROM name-${ARG}`);
 * null when none of them has one (or the last one is NONE).
 */
export function stageHealthcheck(content: string, target?: string, buildArgs: Record<string, string> = {}): HealthcheckTiming | null {
  const dockerfile = DockerfileParser.parse(content);
  const { stages } = analyzeDockerfile(content, 'Dockerfile', { buildArgs });
  let stage = target ? stages.find((s) => s.name === target.toLowerCase()) : stages.at(-1);
  if (!stage) throw new Error(`no stage named ${target}`);
  for (;;) {
    const start = stage.line;
    const end = stages[stage.index + 1]?.line ?? Number.POSITIVE_INFINITY;
    // Lines from the parser are 0-based, the stages' 1-based.
    const checks = dockerfile
      .getInstructions()
      .filter((i) => i.getKeyword() === 'HEALTHCHECK' && i.getRange().start.line + 1 > start && i.getRange().start.line + 1 < end) as Healthcheck[];
    // As Docker does, the last HEALTHCHECK of a stage wins; NONE turns it off.
    const last = checks.at(-1);
    if (last) return last.getSubcommand()?.getValue().toUpperCase() === 'CMD' ? timingOf(last) : null;
    if (stage.base.kind !== 'stage') return null;
    stage = stages[stage.base.stage]!;
  }
}

function timingOf(check: Healthcheck): HealthcheckTiming {
  const flag = (name: string) =>
    check
      .getFlags()
      .find((f) => f.getName().toLowerCase() === name)
      ?.getValue() ?? undefined;
  const ms = (name: string, fallback: number) => {
    const value = flag(name);
    return value ? durationMs(value) : fallback;
  };
  const startInterval = flag('start-interval');
  return {
    intervalMs: ms('interval', 30_000),
    timeoutMs: ms('timeout', 30_000),
    startPeriodMs: ms('start-period', 0),
    startIntervalMs: startInterval ? durationMs(startInterval) : null,
    retries: Number(flag('retries') ?? 3),
  };
}

export function readHealthcheck(file: string, target?: string, buildArgs?: Record<string, string>): HealthcheckTiming | null {
  return stageHealthcheck(readFileSync(file, 'utf8'), target, buildArgs);
}
