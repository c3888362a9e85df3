// The Dockerfile frontend's build checks over one Dockerfile without building it: BuildKit's lint
// subrequest (`docker buildx build --print=lint`, experimental in buildx 0.13; buildx 0.15 and
// later call it `--call=check`), with the lab's frontend forced by the BUILDKIT_SYNTAX build arg,
// so a file without a `# syntax=` line (the forge's recipes) is checked as the lab's own files are
// on every build. The subrequest reads the base images' configs: they must be on the engine (and
// are pushed to LAB_BUILDER_MIRROR first for a builder that reads them there).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chosenBuilder } from '../engine/builder.ts';
import { builderMirror, mirrorImage, mirrorImagesOf } from '../engine/builder-mirror.ts';
import { LAB_FRONTEND } from './frontend-directives.ts';

const run = promisify(execFile);

export interface FrontendCheckFinding {
  /** The frontend's rule, e.g. ConsistentInstructionCasing. */
  rule: string;
  message: string;
  /** 1-based line, when the frontend names one. */
  line?: number;
}

/** The findings in buildx's lint output: `WARNING: Rule - url`, the message, then `file:line`. */
export function parseFrontendChecks(output: string): FrontendCheckFinding[] {
  const lines = output.split('\n');
  const findings: FrontendCheckFinding[] = [];
  for (const [i, text] of lines.entries()) {
    const rule = /^WARNING: (\w+) - /.exec(text)?.[1];
    if (!rule) continue;
    const at = /:(\d+)$/.exec(lines[i + 2] ?? '')?.[1];
    findings.push({ rule, message: (lines[i + 1] ?? '').trim(), ...(at ? { line: Number(at) } : {}) });
  }
  return findings;
}

/** Runs the frontend's checks over `dockerfile` (context: `context`); throws when they could not run. */
export async function frontendChecks(dockerfile: string, context: string, buildArgs: Record<string, string> = {}): Promise<FrontendCheckFinding[]> {
  const builder = chosenBuilder();
  // A builder that cannot see the engine's images reads the parents' configs and the frontend from its mirror, as a build does.
  const mirror = builderMirror();
  if (mirror) await Promise.all([mirrorImagesOf(dockerfile, buildArgs, mirror), mirrorImage(LAB_FRONTEND, mirror)]);
  const args = [
    'buildx',
    'build',
    ...(builder ? ['--builder', builder] : []),
    '--print=lint',
    '--build-arg',
    `BUILDKIT_SYNTAX=${LAB_FRONTEND}`,
    ...Object.entries(buildArgs).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]),
    '-f',
    dockerfile,
    context,
  ];
  const { stdout, stderr } = await run('docker', args, { env: { ...process.env, BUILDX_EXPERIMENTAL: '1' }, timeout: 120_000, maxBuffer: 16 << 20 }).catch(
    (error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`the frontend's checks could not run on ${dockerfile}: ${lastError(error.stderr ?? '') ?? error.message}`);
    },
  );
  // A subrequest that fails (a base image it cannot resolve) prints its ERROR and exits 0 with no findings.
  const failed = lastError(stderr);
  if (failed) throw new Error(`the frontend's checks could not run on ${dockerfile}: ${failed}`);
  return parseFrontendChecks(stdout);
}

function lastError(text: string): string | undefined {
  return text
    .split('\n')
    .filter((l) => /(^|\s)ERROR:? /.test(l))
    .at(-1)
    ?.replace(/^.*?ERROR:? /, '');
}
