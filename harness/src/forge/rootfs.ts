// Root filesystems from Debian's packages. No image exists to start from, so the first layer
// is made on the host with mmdebstrap (as the official images are made with debuerreotype)
// and the recipe's Dockerfile ADDs it to `FROM scratch`, as the official debian Dockerfile does.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ForgeStepError, run } from './process.ts';
import { expandWithArgs } from './recipes.ts';
import type { RootfsStep } from './recipes.ts';

export interface RootfsRequest {
  recipe: string;
  step: RootfsStep;
  /** The recipe folder: mmdebstrap runs here, so hook paths are relative to it. */
  recipeDir: string;
  /** Where the root filesystem tar is written (it joins the build context as an extra file). */
  outputDir: string;
  args: Record<string, string>;
  timeoutMs: number;
  onStep?: (step: string) => void;
}

export async function makeRootfs(request: RootfsRequest): Promise<void> {
  const mmdebstrap = process.env.FORGE_MMDEBSTRAP ?? 'mmdebstrap';
  const output = join(request.outputDir, request.step.output);
  // ${OUTPUT} marks where the target goes: mmdebstrap takes SUITE TARGET MIRROR... in that order.
  const argv = request.step.mmdebstrap.map((a) => expandWithArgs(a, { ...request.args, OUTPUT: output }, request.recipe));
  const what = `mmdebstrap ${request.step.output}`;
  const tail: string[] = [];
  let phase = 'start';
  let code: number | null;
  try {
    code = await run(mmdebstrap, argv, {
      cwd: request.recipeDir,
      // Hooks read the recipe's args (the mirror, the suite) from the environment.
      env: { ...process.env, ...request.args },
      timeoutMs: request.timeoutMs,
      onLine: (line) => {
        tail.push(line);
        if (tail.length > 25) tail.shift();
        const m = /^I: (.*?)(?:\.\.\.)?$/.exec(line);
        if (m?.[1] && !/^(using|automatically|chroot architecture|finding|skipping|removing|done|success)/.test(m[1])) {
          phase = m[1];
          request.onStep?.(`[rootfs ${request.step.output}] ${m[1]}`);
        }
      },
    });
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'mmdebstrap is not installed (Debian: apt-get install mmdebstrap; scripts/bootstrap installs it)'
        : (error as Error).message;
    throw new ForgeStepError(what, phase, reason, []);
  }
  if (code !== 0 || !existsSync(output)) {
    throw new ForgeStepError(what, phase, code === null ? `no result within ${Math.round(request.timeoutMs / 1000)} s` : `exit code ${code}`, tail);
  }
}
