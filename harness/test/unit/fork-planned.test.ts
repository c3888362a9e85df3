// Every forkable app, forked in memory (no engine): what its user finds in it beside the
// Dockerfile. The CI workflow and the Compose file agree on the variables that carry VERSION and
// REVISION into the image.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { entries } from '../../src/catalogue/index.ts';
import { composeFileNames, productionService } from '../../src/fork/compose.ts';
import { planFork } from '../../src/fork/fork.ts';
import { forkRefusals } from '../../src/fork/plan.ts';
import { workflowFile } from '../../src/fork/workflow.ts';

const identity = { title: 'widgets', source: 'https://github.com/acme/widgets', description: 'Widgets', from: 'options' as const };
const forkable = entries.filter((app) => forkRefusals(app, entries).length === 0);

/** The environment variables a Compose value reads: ${NAME}, ${NAME:-default}, $NAME. */
function variablesOf(value: string): string[] {
  return [...value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
}

interface Step {
  name?: string;
  run?: string;
  env?: Record<string, string>;
}

for (const app of forkable) {
  describe(`${app.name}, forked`, () => {
    const { files } = planFork(app, entries, identity, '/nonexistent');
    const text = (file: string) => files.get(file)?.toString('utf8') ?? '';

    it("the workflow's Compose step sets the variables the Compose file's VERSION and REVISION read", () => {
      const composeFile = composeFileNames.find((name) => files.has(name))!;
      const compose = parse(text(composeFile)) as { services: Record<string, { build?: { args?: Record<string, string> } }> };
      const service = productionService(text(composeFile), app.productionTarget);
      const args = compose.services[service]?.build?.args ?? {};
      const workflow = parse(text(workflowFile)) as { jobs: Record<string, { steps: Step[] }> };
      const step = Object.values(workflow.jobs)
        .flatMap((job) => job.steps)
        .find((s) => s.run?.includes('compose') && s.run.includes(' up '));
      expect(step, 'a workflow step runs docker compose up').toBeDefined();
      for (const arg of ['VERSION', 'REVISION']) {
        const read = variablesOf(String(args[arg] ?? ''));
        expect(read.length, `${composeFile}: service ${service} passes the ${arg} build arg from a variable`).toBeGreaterThan(0);
        for (const variable of read) expect(Object.keys(step!.env ?? {}), `${composeFile} reads ${variable} for ${arg}; the workflow's step "${step!.name}" sets`).toContain(variable);
      }
    });
  });
}
