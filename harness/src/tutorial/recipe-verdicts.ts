// Claims decided on the tutorial's own recipes as the lab ran them (recipes/): what the engine
// said when a Dockerfile, command or Compose file was run as written, and what its text asks
// for (its `-t` tags, its stages, read with dockerfile-ast). Pure: the same recipe results give
// the same verdicts. A recipe not built here (its base image needs a registry) decides nothing.
import { DockerfileParser } from 'dockerfile-ast';
import { analyzeDockerfile, stagesForTarget } from '../dockerfile/stages.ts';
import { parseDockerBuild } from '../recipes/commands.ts';
import { formatMs } from '../format.ts';
import { describeOutcome } from '../recipes/summary.ts';
import type { RecipeResult } from '../recipes/types.ts';
import type { RecipeExpectation, RecipeRef } from './claims.ts';

export interface RecipeDecided {
  verdict: 'holds' | 'does not hold' | 'not checked yet';
  detail: string;
  /** The recipes it read. */
  used: RecipeResult[];
}

const where = (r: RecipeResult) => `${r.source.section} (${r.source.where})`;
/** A command by its text; a Dockerfile or Compose file by its kind (its first line is often a comment). */
const what = (r: RecipeResult) => (r.kind === 'dockerfile' ? 'the Dockerfile' : r.kind === 'compose-file' ? 'the Compose file' : `\`${r.text}\``);

/** The recipes a reference names, in the tutorial's order. */
export function findRecipes(recipes: RecipeResult[], ref: RecipeRef): RecipeResult[] {
  return recipes.filter((r) => r.source.section === ref.section && r.kind === ref.kind && (!ref.contains || r.text.includes(ref.contains)));
}

/** A test command: `npm test`, `npm run test`, `go test`, `pytest`, `mvn test` and the like. */
const testCommand = /\b(?:(?:npm|pnpm|yarn)\s+(?:run\s+)?test|go\s+test|pytest|mvn\s+(?:\S+\s+)*test)\b/;

/** The test commands a build of the Dockerfile's default target (its last stage) runs, each with its stage. */
export function testsOnDefaultPath(dockerfile: string): { stage: string; command: string }[] {
  const analysis = analyzeDockerfile(dockerfile, 'Dockerfile');
  const needed = new Set(stagesForTarget(analysis).map((s) => s.index));
  const starts = analysis.stages.map((s) => s.line);
  const found: { stage: string; command: string }[] = [];
  for (const instruction of DockerfileParser.parse(dockerfile).getInstructions()) {
    if (instruction.getKeyword() !== 'RUN') continue;
    const line = instruction.getRange().start.line + 1;
    const index = starts.filter((start) => start <= line).length - 1;
    const text = instruction.getTextContent().replace(/\\\n/g, ' ');
    const stage = analysis.stages[index];
    if (stage && needed.has(index) && testCommand.test(text)) found.push({ stage: stage.name ?? `stage ${index}`, command: text.replace(/\s+/g, ' ').trim() });
  }
  return found;
}

function decideOne(result: RecipeResult, all: RecipeResult[], expect: RecipeExpectation): Omit<RecipeDecided, 'used'> {
  const outcome = result.outcome;
  if (expect === 'compares-images') {
    // Decided on the block's text: which images its builds tag, whatever this engine could build.
    const repository = result.text.split(/\s+/)[2]?.split(':')[0];
    const above = all.filter((r) => r.source.section === result.source.section && r.kind === 'build-command' && all.indexOf(r) < all.indexOf(result));
    const tags = above.flatMap((r) => parseDockerBuild(r.text)?.tags ?? []).filter((t) => !repository || t.split(':')[0] === repository);
    const text = `the builds above \`${result.text}\` in ${result.source.section} tag ${tags.length ? tags.join(', ') : 'nothing'}`;
    return tags.length > 1
      ? { verdict: 'holds', detail: `${text}: it lists ${tags.length} images to compare` }
      : {
          verdict: 'does not hold',
          detail: `${text}: it lists ${tags.length === 1 ? 'that one image' : 'no image'}, nothing to compare (the single-stage Dockerfile above is never built with a tag of ${repository ?? 'the repository'})`,
        };
  }
  if (expect === 'tests-gate-production') {
    const dockerfile = result.dockerfile ?? result.text;
    let tests: { stage: string; command: string }[];
    try {
      tests = testsOnDefaultPath(dockerfile);
    } catch (error) {
      return { verdict: 'not checked yet', detail: `${where(result)}: its Dockerfile does not parse: ${(error as Error).message.split('\n')[0]}` };
    }
    return tests.length
      ? {
          verdict: 'holds',
          detail: `${where(result)}: a build of its last stage runs ${tests.map((t) => `\`${t.command}\` (stage ${t.stage})`).join(', ')}, a stage it is built from or copies from: a failing test stops the image`,
        }
      : { verdict: 'does not hold', detail: `${where(result)}: no stage that a build of its last stage needs runs a test command` };
  }
  switch (outcome.kind) {
    case 'failed':
      // A build that fails shows nothing of how its container stops.
      if (expect === 'stops-on-sigterm') return { verdict: 'not checked yet', detail: `${where(result)}: not built (${outcome.error}), so never stopped` };
      return { verdict: 'does not hold', detail: `${where(result)}: ${what(result)} fails as written: ${outcome.error}` };
    case 'not-built-here':
      return {
        verdict: 'not checked yet',
        detail: `${where(result)}: ${outcome.reason}; where a registry answers (CI on GitHub runners), the same recipe run builds it and decides this`,
      };
    case 'ran':
      if (expect === 'no-warning' && outcome.output.length)
        return { verdict: 'does not hold', detail: `${where(result)}: the engine says: ${outcome.output.join(' / ')}` };
      return { verdict: 'holds', detail: `${where(result)}: ${describeOutcome(outcome)}` };
    case 'measured': {
      const stop = outcome.measure.stop;
      if (expect === 'stops-on-sigterm' && (stop.killed || stop.exitedBeforeStop))
        return {
          verdict: stop.killed ? 'does not hold' : 'not checked yet',
          detail: `${where(result)}: ${stop.killed ? `killed (SIGKILL) when \`docker stop\`'s grace ran out, after ${formatMs(stop.ms)}: as PID 1 its server gets no default action for SIGTERM (\`--init\` or a handler of its own stops it at once)` : `its command ended by itself before the stop (exit ${stop.exitCode}): it shows nothing about SIGTERM`}`,
        };
      return { verdict: 'holds', detail: `${where(result)}: ${describeOutcome(outcome)}` };
    }
  }
}

/** A recipe-decided claim: every recipe it names must meet the expectation; one that does not is the finding, one not built here leaves it open. */
export function decideRecipes(recipes: RecipeResult[] | undefined, refs: RecipeRef[], expect: RecipeExpectation): RecipeDecided {
  if (!recipes)
    return {
      verdict: 'not checked yet',
      detail: "the tutorial's recipes were not run in this run (`pnpm verify` over the whole catalogue runs them, as `pnpm recipes` does)",
      used: [],
    };
  const used = refs.flatMap((ref) => findRecipes(recipes, ref));
  const lost = refs.filter((ref) => findRecipes(recipes, ref).length === 0);
  if (lost.length)
    return {
      verdict: 'not checked yet',
      detail: `no recipe of the tutorial is ${lost.map((r) => `a ${r.kind} in "${r.section}"${r.contains ? ` with \`${r.contains}\`` : ''}`).join(', nor ')} (has its text changed?)`,
      used,
    };
  const decided = used.map((r) => decideOne(r, recipes, expect));
  const pick = (verdict: RecipeDecided['verdict']) => decided.filter((d) => d.verdict === verdict).map((d) => d.detail);
  if (pick('does not hold').length) return { verdict: 'does not hold', detail: pick('does not hold').join('; '), used };
  if (pick('not checked yet').length) return { verdict: 'not checked yet', detail: decided.map((d) => d.detail).join('; '), used };
  return { verdict: 'holds', detail: pick('holds').join('; '), used };
}
