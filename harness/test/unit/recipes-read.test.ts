// The tutorial's recipes as the parser and classifier read them: from a small markdown text
// (always), and from the tutorial itself where it is beside the repository.
import { describe, expect, it } from 'vitest';
import { codeBlocks } from '../../src/recipes/code-blocks.ts';
import { classifyBlocks, declaredStages } from '../../src/recipes/classify.ts';
import { commandLines, parseDockerBuild } from '../../src/recipes/commands.ts';
import { appFor } from '../../src/recipes/fixtures.ts';
import { readRecipes, tutorialAbsence } from '../../src/recipes/read.ts';
import { recipesBaseRefs } from '../../src/recipes/run.ts';
import { tutorialPath } from '../../src/tutorial-path.ts';

const sample = [
  '# Title',
  '## 6. Code',
  '### Example A',
  '```dockerfile',
  'FROM node:18 AS builder',
  'RUN npm ci',
  'FROM node:18-slim AS production',
  '```',
  '```bash',
  '# Build',
  'docker build \\',
  '  --build-arg VERSION=1.2.3 \\',
  '  --target=builder -t myapp:1.2.3 .',
  'docker run -it myapp:1.2.3 sh',
  'docker images | grep myapp',
  '```',
  '## 7. Practices',
  '1. **Name stages**',
  '',
  '   ```dockerfile',
  '   FROM node:18',
  '   ```',
  '### Compose',
  '```yaml',
  'version: "3.8"',
  'services:',
  '  web:',
  '    build:',
  '      context: .',
  '      target: production',
  '```',
  '```',
  'Step 1 -> Step 2',
  '```',
].join('\n');

describe('code blocks', () => {
  it('come with their language, the headings above them, and whether they sit in a list', () => {
    const blocks = codeBlocks(sample);
    expect(blocks.map((b) => [b.lang, b.headings.at(-1), b.inList])).toEqual([
      ['dockerfile', 'Example A', false],
      ['bash', 'Example A', false],
      ['dockerfile', '7. Practices', true],
      ['yaml', 'Compose', false],
      ['', 'Compose', false],
    ]);
    expect(blocks[2]?.text).toBe('FROM node:18');
  });
});

describe('recipes', () => {
  const recipes = classifyBlocks(codeBlocks(sample));

  it('are every Dockerfile, every docker command and the Compose file with each service; other blocks are none', () => {
    expect(recipes.map((r) => [r.id, r.kind])).toEqual([
      ['example-a-1', 'dockerfile'],
      ['example-a-2-line-2', 'build-command'],
      ['example-a-2-line-5', 'interactive-command'],
      ['example-a-2-line-6', 'image-command'],
      ['7-practices-1', 'dockerfile'],
      ['compose-1', 'compose-file'],
      ['compose-1-web', 'compose-service'],
    ]);
  });

  it('pair a build command with the Dockerfile above it, and a Compose service with one that has its target, never a list illustration', () => {
    const build = recipes.find((r) => r.kind === 'build-command');
    expect(build?.dockerfileId).toBe('example-a-1');
    expect(build?.build).toEqual({ tags: ['myapp:1.2.3'], target: 'builder', buildArgs: { VERSION: '1.2.3' }, other: [], context: '.' });
    expect(recipes.find((r) => r.kind === 'compose-service')).toMatchObject({ dockerfileId: 'example-a-1', target: 'production' });
    expect(recipes.find((r) => r.kind === 'image-command')?.imageCommand).toEqual({ verb: 'images', grep: 'myapp' });
  });

  it("name their builds' bases in one list, each once, made present together before the first build; commands that build nothing name none", () => {
    expect(recipesBaseRefs(recipes)).toEqual(['node:18', 'node:18-slim']);
    expect(recipesBaseRefs(recipes.filter((r) => r.kind === 'image-command' || r.kind === 'compose-file'))).toEqual([]);
  });
});

describe('a Compose block that is not YAML', () => {
  it('is still a recipe (docker compose says what is wrong with it), with no services', () => {
    const recipes = classifyBlocks(codeBlocks('## C\n```yaml\nservices: [\n```\n'));
    expect(recipes.map((r) => r.kind)).toEqual(['compose-file']);
  });
});

describe('commands', () => {
  it('join continued lines and leave comments out', () => {
    expect(commandLines('# a\ndocker build \\\n  -t x .\n\ndocker images x')).toEqual([
      { text: 'docker build -t x .', line: 2 },
      { text: 'docker images x', line: 5 },
    ]);
  });

  it('read a docker build line; any other line is no build', () => {
    expect(parseDockerBuild('docker build --progress=plain .')).toEqual({ tags: [], buildArgs: {}, other: ['--progress=plain'], context: '.' });
    expect(parseDockerBuild('docker history myapp:latest')).toBeNull();
  });

  it('stage names are matched lower-cased, as BuildKit does', () => {
    expect(declaredStages('FROM a AS Builder\nfrom b as prod\nFROM c')).toEqual(['builder', 'prod']);
  });
});

describe('the app a recipe is built around', () => {
  it('follows what it builds on and copies', () => {
    expect(appFor('FROM golang:1.21-alpine AS b\nFROM alpine')).toBe('go');
    expect(appFor('FROM python:3.11 AS b')).toBe('python');
    expect(appFor('FROM maven:3.8-openjdk-17 AS b\nFROM eclipse-temurin:17-jre-alpine')).toBe('java');
    expect(appFor('FROM node:18-alpine AS f\nCOPY frontend/package*.json ./')).toBe('fullstack');
    expect(appFor('FROM node:18')).toBe('node');
  });
});

describe('a tutorial that is not there', () => {
  it('is one line naming the path, or saying none is named', () => {
    expect(() => readRecipes('/nowhere/tutorial.md')).toThrow(/^the tutorial is not at \/nowhere\/tutorial\.md \(LAB_TUTORIAL names it\)$/);
    expect(tutorialAbsence(undefined)).toMatch(/LAB_TUTORIAL names no file/);
  });
});

describe("the tutorial's recipes", () => {
  const file = tutorialPath();
  const skip = tutorialAbsence(file);

  it('are every Dockerfile of every example, the Compose file and the build and image commands', (context) => {
    if (skip) return context.skip(skip);
    const recipes = readRecipes(file);
    const count = (kind: string) => recipes.filter((r) => r.kind === kind).length;
    // 16 Dockerfile blocks: Examples 1 (two), 2 to 8, the build-args one, the four best
    // practices, cache order, the real-world one; one Compose file with two services.
    expect({ dockerfiles: count('dockerfile'), compose: count('compose-file'), services: count('compose-service') }).toEqual({
      dockerfiles: 16,
      compose: 1,
      services: 2,
    });
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8])
      expect(
        recipes.some((r) => r.kind === 'dockerfile' && r.source.section.startsWith(`Example ${n}:`)),
        `Example ${n}`,
      ).toBe(true);
    const commands = recipes.filter((r) => r.kind === 'build-command').map((r) => r.build?.target ?? '(default)');
    expect(commands).toEqual(expect.arrayContaining(['development', 'build', 'builder', 'test', 'production', '(default)']));
    expect(recipes.filter((r) => r.kind === 'image-command').map((r) => r.imageCommand?.verb)).toEqual(
      expect.arrayContaining(['history', 'image inspect', 'images']),
    );
    expect(count('interactive-command')).toBe(1);
  });

  it('pair each command with a Dockerfile of an example, never a best-practice illustration', (context) => {
    if (skip) return context.skip(skip);
    const recipes = readRecipes(file);
    const byId = new Map(recipes.map((r) => [r.id, r]));
    for (const recipe of recipes.filter((r) => r.dockerfileId)) {
      expect(byId.get(recipe.dockerfileId!)?.source.section, recipe.id).not.toMatch(/Best Practices/);
    }
    // The Compose services target stages their Dockerfile has (Example 7's development and production).
    for (const service of recipes.filter((r) => r.kind === 'compose-service')) {
      expect(declaredStages(byId.get(service.dockerfileId!)!.text), service.id).toContain(service.target);
    }
  });
});
