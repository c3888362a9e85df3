// Every forkable app, forked in memory (no engine): what its user finds in it beside the
// Dockerfile. The CI workflow and the Compose file agree on the variables that carry VERSION and
// REVISION into the image; it has a LICENSE, its language's .gitignore, its toolchain pinned,
// and a README that says how to work on it without Docker, its endpoints, and what each stage
// is for.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { entries } from '../../src/catalogue/index.ts';
import { composeFileNames, productionService } from '../../src/fork/fork-compose.ts';
import { planFork } from '../../src/fork/fork.ts';
import { forkRefusals } from '../../src/fork/plan.ts';
import { workflowFile } from '../../src/fork/workflow.ts';
import { healthcheckCommand } from '../../src/fork/dockerfile.ts';
import { languageOf } from '../../src/fork/starter.ts';
import { fromRepo } from '../../src/paths.ts';

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
        for (const variable of read)
          expect(Object.keys(step!.env ?? {}), `${composeFile} reads ${variable} for ${arg}; the workflow's step "${step!.name}" sets`).toContain(variable);
      }
    });

    it("leaves out the workspace's glue: the app's turbo.json", () => {
      expect([...files.keys()]).not.toContain('turbo.json');
    });

    it('has an MIT LICENSE naming its own authors', () => {
      expect(text('LICENSE')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} the widgets authors\n/);
    });

    it("has its language's .gitignore", () => {
      const ignore = text('.gitignore');
      const language = languageOf(files.keys());
      const wanted = { node: ['node_modules/', 'dist/'], go: ['*.test'], python: ['.venv/', '__pycache__/'], java: ['target/'], other: ['.env'] }[language];
      for (const line of wanted) expect(ignore.split('\n'), `${app.name} (${language})`).toContain(line);
      if (language !== 'node') expect(ignore, `${app.name} is no Node project`).not.toContain('node_modules');
    });

    it('pins its toolchain where its tools read it, at the versions the Dockerfile builds with', () => {
      const dockerfile = text('Dockerfile');
      const language = languageOf(files.keys());
      if (language === 'node')
        expect((JSON.parse(text('package.json')) as { packageManager?: string }).packageManager).toBe(
          `pnpm@${/^ARG PNPM_VERSION=(\S+)/m.exec(dockerfile)?.[1]}`,
        );
      if (language === 'go') expect(text('go.mod')).toMatch(new RegExp(`^go ${/^FROM golang:(\d+\.\d+)/m.exec(dockerfile)?.[1]?.replace('.', '\\.')}`, 'm'));
      if (language === 'python') expect(text('.python-version').trim()).toBe(/^FROM python:(\d+\.\d+)/m.exec(dockerfile)?.[1]);
      if (language === 'java') expect(text('.sdkmanrc')).toMatch(/^maven=3\.9\.\d+$/m);
    });

    it('has a README with the work loop without Docker, adding a dependency, and its endpoints', () => {
      const readme = text('README.md');
      const section = (title: string) => readme.split(`\n## ${title}\n`)[1]?.split('\n## ')[0] ?? '';
      expect(section('Without Docker'), 'the commands to run and test it').toMatch(/```sh\n.+\n.+\n/);
      expect(section('Without Docker')).toContain('To add a dependency:');
      expect(section('Endpoints')).toContain(`\`${app.service!.healthPath}\``);
    });

    it('says what each stage is for, with no dangling dash and no claim about its health probe it cannot back', () => {
      const readme = text('README.md');
      const rows = (readme.split('\n## Stages\n')[1]?.split('\n## ')[0] ?? '').split('\n').filter((l) => l.startsWith('| `'));
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const purpose = row.split(' | ')[2] ?? '';
        expect(purpose, row).not.toMatch(/^(Used by|Shared by|An intermediate stage)/);
      }
      expect(readme).not.toMatch(/ --\.| --$/m);
      expect(readme).not.toContain('probes with the app itself');
      expect(readme).toContain(`The health check runs \`${healthcheckCommand(text('Dockerfile'))!.join(' ')}\``);
    });
  });
}

describe('the lab itself', () => {
  it('has a LICENSE (MIT, the multi-stage lab authors)', () => {
    expect(existsSync(fromRepo('LICENSE'))).toBe(true);
    expect(readFileSync(fromRepo('LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the multi-stage lab authors\n/);
  });
});
