// The Dockerfile lint: each rule shown firing on a snippet a reviewer would stop, with the
// message they read, and quiet on the fix; then every Dockerfile of the repository, clean.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entries } from '../../src/catalogue/index.ts';
import { loadRecipes } from '../../src/forge/recipes.ts';
import { formatFinding, lintDockerfile, type RuleId } from '../../src/lint/dockerfile-lint.ts';
import { LAB_FRONTEND, lintFrontendDirectives } from '../../src/lint/frontend-directives.ts';
import { parseFrontendChecks } from '../../src/lint/frontend-checks.ts';
import { normalizeRef } from '../../src/dockerfile/refs.ts';
import { fromRepo, repoRoot } from '../../src/paths.ts';

const lint = (lines: string[], productionStages?: string[]) =>
  lintDockerfile(`${lines.join('\n')}\n`, 'Dockerfile', productionStages ? { productionStages } : {}).map(formatFinding);
const rulesOf = (lines: string[]) => lintDockerfile(`${lines.join('\n')}\n`, 'Dockerfile').map((f): RuleId => f.rule);

describe('pipe-without-pipefail', () => {
  it('fires on a pipe in a shell-form RUN, naming the line of the pipe', () => {
    const findings = lint([
      'FROM debian:trixie',
      'RUN set -eu; \\',
      '    for lib in $(ldd /usr/local/bin/node | grep -o "/[^ ]*"); do \\',
      '      cp "$lib" /out/; \\',
      '    done',
    ]);
    expect(findings).toEqual([
      'Dockerfile:3: pipe-without-pipefail: a pipe without pipefail: the RUN succeeds when a command before the last `|` fails (sh reports the last one only)\n' +
        '    fix: start the script with `set -eu -o pipefail` (dash in Debian 13 has it), or SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
    ]);
  });

  it('fires in a heredoc script and in an exec-form sh -c', () => {
    expect(rulesOf(['FROM debian:trixie', 'RUN <<EOT', 'set -eu', 'ldconfig -p | awk "{ print }"', 'EOT'])).toEqual(['pipe-without-pipefail']);
    expect(rulesOf(['FROM debian:trixie', 'RUN ["/bin/sh", "-c", "ldd /x | grep y"]'])).toEqual(['pipe-without-pipefail']);
  });

  it('reads a command substitution inside double quotes as code', () => {
    expect(rulesOf(['FROM debian:trixie', 'RUN path=$(readlink -f "$(ldconfig -p | awk \'{ print $NF }\')")'])).toEqual(['pipe-without-pipefail']);
  });

  it('fires when pipefail is set only after the pipe', () => {
    expect(rulesOf(['FROM debian:trixie', 'RUN ldd /x | grep y; set -o pipefail'])).toEqual(['pipe-without-pipefail']);
  });

  it('is quiet with set -o pipefail (any spelling), a SHELL with pipefail, or no pipe at all', () => {
    expect(rulesOf(['FROM debian:trixie', 'RUN set -eu -o pipefail; ldd /x | grep y'])).toEqual([]);
    expect(rulesOf(['FROM debian:trixie', 'RUN set -euo pipefail; ldd /x | grep y'])).toEqual([]);
    expect(rulesOf(['FROM debian:trixie', 'RUN <<EOT', 'set -eu -o pipefail', 'ldd /x | grep y', 'EOT'])).toEqual([]);
    expect(rulesOf(['FROM debian:trixie', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN ldd /x | grep y'])).toEqual([]);
    expect(rulesOf(['FROM debian:trixie', 'RUN test -f /x || exit 1; echo "a | b"; grep -E \'a|b\' /x # a | b'])).toEqual([]);
  });

  it('lets `echo ... | cmd` pass: echo cannot fail in a way the pipe would hide', () => {
    expect(rulesOf(['FROM debian:trixie', 'RUN echo "${SHA} *go.zip" | sha256sum -c -'])).toEqual([]);
  });

  it('reads a heredoc written to a file as data, not script', () => {
    expect(rulesOf(['FROM debian:trixie', 'RUN cat <<EOF > /etc/x', 'a | b', 'EOF'])).toEqual([]);
  });
});

describe('untagged-image', () => {
  it('fires on FROM and COPY --from of an external image without a tag, or with :latest', () => {
    expect(lint(['FROM gcr.io/distroless/base-debian13 AS toolbox', 'COPY --from=golang:latest /usr/local/go/bin/gofmt /gofmt'])).toEqual([
      'Dockerfile:1: untagged-image: gcr.io/distroless/base-debian13 is named without a tag or digest (or as :latest): the build takes whatever it points to that day\n' +
        '    fix: name a tag (gcr.io/distroless/base-debian13:<version>) or pin a digest (gcr.io/distroless/base-debian13@sha256:...)',
      'Dockerfile:2: untagged-image: golang is named without a tag or digest (or as :latest): the build takes whatever it points to that day\n' +
        '    fix: name a tag (golang:<version>) or pin a digest (golang@sha256:...)',
    ]);
  });

  it('is quiet on tags, digests, ARG-built tags, stages and scratch', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(
      rulesOf(['ARG NODE=24', 'FROM node:${NODE}-slim AS deps', `FROM debian@${digest}`, 'FROM deps AS build', 'COPY --from=deps /a /a', 'FROM scratch']),
    ).toEqual([]);
  });
});

describe('cd-in-run', () => {
  it('fires on cd as a command, with WORKDIR as the fix', () => {
    expect(lint(['FROM golang:1.26', 'RUN --mount=type=cache,target=/go/pkg/mod \\', '    cd tools && go install tool'])).toEqual([
      'Dockerfile:3: cd-in-run: `cd tools` in a RUN: it lasts for this RUN only and hides where the stage works\n' +
        '    fix: WORKDIR tools before the RUN (and WORKDIR back after it, if later steps need the old one)',
    ]);
  });

  it('is quiet on words that merely contain cd', () => {
    expect(rulesOf(['FROM golang:1.26', 'WORKDIR /src/tools', 'RUN go install tool && echo cd && abcd --cd'])).toEqual([]);
  });
});

describe('apt-install-recommends', () => {
  it('fires on apt-get install without --no-install-recommends', () => {
    expect(lint(['FROM debian:trixie', 'RUN apt-get update \\', ' && apt-get install -y busybox-static \\', ' && rm -rf /var/lib/apt/lists/*'])).toEqual([
      'Dockerfile:3: apt-install-recommends: `apt-get install` without --no-install-recommends: the image gets every package the ones named merely recommend\n' +
        '    fix: apt-get install -y --no-install-recommends <packages>',
    ]);
  });

  it('is quiet with the flag, even on a continuation line further down', () => {
    expect(rulesOf(['FROM debian:trixie', 'RUN apt-get update; apt-get install -y \\', '    --no-install-recommends \\', '    busybox-static'])).toEqual([]);
  });
});

describe('add-where-copy-fits', () => {
  it('fires on ADD of a plain file or folder', () => {
    expect(lint(['FROM debian:trixie', 'ADD --chown=1000:1000 src/ /app/src/'])).toEqual([
      "Dockerfile:2: add-where-copy-fits: ADD of src/: a plain copy, for which ADD's extra powers (unpacking archives, fetching URLs) only surprise a reader\n" +
        '    fix: COPY src/ /app/src/',
    ]);
  });

  it('is quiet on ADD of a local archive (unpacked) or a URL', () => {
    expect(rulesOf(['FROM scratch', 'ADD trixie-slim.tar /', 'ADD https://example.invalid/x.txt /x.txt'])).toEqual([]);
  });
});

describe('healthcheck-start-interval', () => {
  it('fires on a production HEALTHCHECK without --start-period and --start-interval', () => {
    expect(lint(['FROM scratch', 'HEALTHCHECK --interval=1s --timeout=3s CMD ["/go-api", "-healthcheck"]'])).toEqual([
      'Dockerfile:2: healthcheck-start-interval: HEALTHCHECK without --start-period or --start-interval: the first probe waits a whole --interval, so `healthy` lags readiness by the interval, not by the app\n' +
        '    fix: HEALTHCHECK --interval=30s --start-period=10s --start-interval=100ms ... (probes every 100 ms until healthy, then every 30 s; Engine 25+)',
    ]);
    expect(rulesOf(['FROM scratch', 'HEALTHCHECK --interval=30s --start-interval=100ms CMD ["/x"]'])).toEqual(['healthcheck-start-interval']);
  });

  it('is quiet with both flags, on HEALTHCHECK NONE, and outside production stages', () => {
    expect(
      rulesOf([
        'FROM scratch AS dev',
        'HEALTHCHECK --interval=1s CMD ["/x"]',
        'FROM scratch',
        'HEALTHCHECK --interval=30s --start-period=10s --start-interval=100ms \\',
        '    CMD ["/x"]',
      ]),
    ).toEqual([]);
    expect(rulesOf(['FROM scratch', 'HEALTHCHECK NONE'])).toEqual([]);
  });
});

describe('frontend-directives', () => {
  const directives = (lines: string[]) => lintFrontendDirectives(`${lines.join('\n')}\n`, 'Dockerfile').map(formatFinding);

  it('fires on a file the built-in frontend reads, or another frontend', () => {
    expect(directives(['# A comment', 'FROM scratch'])).toEqual([
      "Dockerfile:1: frontend-directives: no `# syntax=` directive: the engine's built-in frontend reads the file, with no build checks and no Dockerfile 1.10+ features\n" +
        `    fix: make the first line \`# syntax=${LAB_FRONTEND}\``,
      "Dockerfile:1: frontend-directives: the frontend's build checks do not fail the build: a violation is a warning nobody reads\n" +
        '    fix: add `# check=error=true` right after the syntax line (`# check=skip=Rule;error=true` to skip one, with its reason)',
    ]);
    expect(directives(['# syntax=docker/dockerfile:1', '# check=error=true', 'FROM scratch'])).toEqual([
      `Dockerfile:1: frontend-directives: the file is read by docker/dockerfile:1, not the lab's frontend ${LAB_FRONTEND}\n` +
        `    fix: make the first line \`# syntax=${LAB_FRONTEND}\``,
    ]);
  });

  it('leaves a file that says on its first line why the built-in frontend reads it, and only with a reason', () => {
    expect(directives(['# Built-in frontend, because the engine that builds it holds no frontend image', 'FROM scratch'])).toEqual([]);
    expect(directives(['# Built-in frontend, because', 'FROM scratch'])).toHaveLength(2);
    expect(directives(['FROM scratch', '# Built-in frontend, because it is said too late'])).toHaveLength(2);
  });

  it('fires on checks that only warn, and on a skipped rule without its reason', () => {
    expect(directives([`# syntax=${LAB_FRONTEND}`, '# check=skip=JSONArgsRecommended', 'FROM scratch']).map((f) => f.split('\n')[0])).toEqual([
      "Dockerfile:2: frontend-directives: the frontend's build checks do not fail the build: a violation is a warning nobody reads",
    ]);
    expect(
      directives([
        `# syntax=${LAB_FRONTEND}`,
        '# check=skip=JSONArgsRecommended,UndefinedVar;error=true',
        '# Check skipped: UndefinedVar, because x',
        'FROM scratch',
      ]),
    ).toEqual([
      'Dockerfile:2: frontend-directives: the check JSONArgsRecommended is skipped without a reason\n' +
        '    fix: say why below the directives: `# Check skipped: JSONArgsRecommended, because ...`',
    ]);
  });

  it('is quiet on the lab frontend with errors on, and on a skip with its reason', () => {
    expect(directives([`# syntax=${LAB_FRONTEND}`, '# check=error=true', 'FROM scratch'])).toEqual([]);
    expect(
      directives([
        `# syntax=${LAB_FRONTEND}`,
        '# check=skip=JSONArgsRecommended;error=true',
        '# Check skipped: JSONArgsRecommended, because y',
        'FROM scratch',
      ]),
    ).toEqual([]);
  });

  it('names a frontend that a recipe provides, so the forge can make it where no registry serves it', async () => {
    const tags = (await loadRecipes(fromRepo('dockerfiles/bases'))).flatMap((r) => r.manifest.images.flatMap((i) => i.tags.map(normalizeRef)));
    expect(tags).toContain(normalizeRef(LAB_FRONTEND));
  });
});

/** Every Dockerfile under dockerfiles/: the apps' and the base-image recipes'. */
async function repositoryDockerfiles(): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name === 'Dockerfile' || entry.name.endsWith('.Dockerfile')) found.push(full);
    }
  };
  await walk(fromRepo('dockerfiles'));
  return found.sort();
}

/** Every Dockerfile the lab builds with the harness: the apps', the trust probes' and the test fixtures'. */
async function labDockerfiles(): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (full !== fromRepo('dockerfiles/bases') && entry.name !== 'node_modules') await walk(full);
      } else if (entry.name === 'Dockerfile' || entry.name.endsWith('.Dockerfile')) found.push(full);
    }
  };
  for (const root of ['dockerfiles', 'harness/src/trust/probes', 'harness/test/fixtures', 'harness/test/contract/fixtures']) await walk(fromRepo(root));
  return found.sort();
}

describe("the repository's Dockerfiles", () => {
  it('are clean of every rule', async () => {
    // Production stages: the catalogue's production targets and every image a recipe provides.
    const productionStages = new Map<string, string[]>();
    for (const entry of entries) productionStages.set(fromRepo(entry.dockerfiles.multi), [entry.productionTarget]);
    for (const recipe of await loadRecipes(fromRepo('dockerfiles/bases')))
      productionStages.set(
        recipe.dockerfile,
        recipe.manifest.images.map((i) => i.target),
      );

    const files = await repositoryDockerfiles();
    expect(files.length).toBeGreaterThanOrEqual(2 * entries.length);
    const findings: string[] = [];
    for (const file of files) {
      const stages = productionStages.get(file);
      findings.push(
        ...lintDockerfile(await readFile(file, 'utf8'), path.relative(repoRoot, file), stages ? { productionStages: stages } : {}).map(formatFinding),
      );
    }
    expect(findings.join('\n')).toBe('');
  });

  it(`are read by ${LAB_FRONTEND} with its build checks as errors (the recipes excepted: the forge builds them with the engine's own)`, async () => {
    const files = await labDockerfiles();
    expect(files.length).toBeGreaterThanOrEqual(60);
    const findings: string[] = [];
    for (const file of files) findings.push(...lintFrontendDirectives(await readFile(file, 'utf8'), path.relative(repoRoot, file)).map(formatFinding));
    expect(findings.join('\n')).toBe('');
  });
});

describe("the frontend's lint output", () => {
  it('is read as rule, message and line, one finding per WARNING', () => {
    const output = [
      '',
      'WARNING: ConsistentInstructionCasing - https://docs.docker.com/go/dockerfile/rule/consistent-instruction-casing/',
      "Command 'from' should match the case of the command majority (uppercase)",
      'bad.Dockerfile:3',
      '--------------------',
      '   3 | >>> from scratch',
      '--------------------',
      'WARNING: JSONArgsRecommended - https://docs.docker.com/go/dockerfile/rule/json-args-recommended/',
      'JSON arguments recommended for ENTRYPOINT to prevent unintended behavior related to OS signals',
      'Dockerfile:9',
    ].join('\n');
    expect(parseFrontendChecks(output)).toEqual([
      { rule: 'ConsistentInstructionCasing', message: "Command 'from' should match the case of the command majority (uppercase)", line: 3 },
      { rule: 'JSONArgsRecommended', message: 'JSON arguments recommended for ENTRYPOINT to prevent unintended behavior related to OS signals', line: 9 },
    ]);
    expect(parseFrontendChecks('')).toEqual([]);
  });
});
