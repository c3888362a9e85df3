// actionlint, the GitHub Actions workflow checker, pinned, installed with `go install` (from the
// Go module proxy) into the repository's .tools/bin where it is missing or another version.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { fromRepo } from '../paths.ts';

const run = promisify(execFile);

/** The newest release the module proxy serves here (go list -m -versions). */
export const actionlintVersion = 'v1.7.12';
export const actionlintModule = 'github.com/rhysd/actionlint/cmd/actionlint';

const binDir = fromRepo('.tools/bin');
const binary = `${binDir}/actionlint`;

async function installedVersion(): Promise<string | undefined> {
  if (!existsSync(binary)) return undefined;
  const { stdout } = await run(binary, ['-version']).catch(() => ({ stdout: '' }));
  return stdout.split('\n')[0]?.trim();
}

/** The path of a pinned actionlint, installing it first if needed (needs `go`). */
export async function ensureActionlint(): Promise<string> {
  const wanted = actionlintVersion;
  if ((await installedVersion()) === wanted) return binary;
  try {
    await run('go', ['install', `${actionlintModule}@${actionlintVersion}`], {
      env: { ...process.env, GOBIN: binDir, CGO_ENABLED: '0' },
      timeout: 10 * 60_000,
    });
  } catch (error) {
    throw new Error(`could not install actionlint ${actionlintVersion} with go install (needs Go and the module proxy): ${(error as Error).message}`);
  }
  const got = await installedVersion();
  if (got !== wanted) throw new Error(`go install put actionlint ${got ?? '(nothing)'} in ${binDir}, not ${wanted}`);
  return binary;
}

/** actionlint's findings for the workflow files of a repository folder ('' when clean). */
export async function actionlint(repository: string, files: string[]): Promise<{ ok: boolean; output: string }> {
  const bin = await ensureActionlint();
  try {
    const { stdout, stderr } = await run(bin, ['-no-color', ...files], { cwd: repository });
    return { ok: true, output: `${stdout}${stderr}`.trim() };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}`.trim() || e.message };
  }
}
