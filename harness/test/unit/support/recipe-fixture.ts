// Hand-made results of the tutorial's recipes, in each state a run gives one: measured on a
// forged stand-in (node:18, python:3.11), failed as written with the engine's words, and not
// built here for a base that needs a registry. The sections and blocks are the tutorial's.
import { MB } from '../../../src/catalogue/types.ts';
import type { BaseImage, RecipeResult } from '../../../src/recipes/types.ts';

const id = (c: string) => `sha256:${c.repeat(64)}`;

export function measuredRecipe(
  recipeId: string,
  section: string,
  where: string,
  text: string,
  bases: BaseImage[],
  bytes: number,
  stop = { exitedBeforeStop: false, exitCode: 137, ms: 10_300, killed: true },
): RecipeResult {
  return {
    id: recipeId,
    kind: 'dockerfile',
    source: { section, where },
    text,
    bases,
    outcome: {
      kind: 'measured',
      measure: {
        tag: `${recipeId}:latest`,
        imageId: id('e'),
        uncompressedBytes: bytes,
        compressedBytes: Math.round(bytes / 2.75),
        packages: { os: 400, osSource: 'dpkg status', language: [{ ecosystem: 'npm', count: 200 }] },
        user: '',
        nonRoot: false,
        buildMs: 1000,
        stop,
      },
    },
  };
}

export function notBuiltRecipe(recipeId: string, section: string, where: string, text: string, refs: string[]): RecipeResult {
  return {
    id: recipeId,
    kind: 'dockerfile',
    source: { section, where },
    text,
    bases: refs.map((ref) => ({ ref, origin: 'absent' })),
    outcome: { kind: 'not-built-here', reason: `not built here: ${refs[0]} needs a registry${refs.length > 1 ? ` (and ${refs.slice(1).join(', ')})` : ''}` },
  };
}

export function failedRecipe(
  recipeId: string,
  section: string,
  where: string,
  text: string,
  error: string,
  kind: RecipeResult['kind'] = 'dockerfile',
): RecipeResult {
  return { id: recipeId, kind, source: { section, where }, text, bases: [], outcome: { kind: 'failed', error } };
}

const ex1 = 'Example 1: Simple Node.js App';
const ex4 = 'Example 4: Python Application';

/** Examples 1 and 4 as the stand-ins measure them, Example 3 not built here, two recipes that fail as written. */
export function fixtureRecipes(): RecipeResult[] {
  return [
    measuredRecipe(
      'example-1-1',
      ex1,
      'block 1 of 3',
      'FROM node:18\nCMD ["node", "dist/server.js"]',
      [{ ref: 'node:18', origin: 'forged', id: id('1') }],
      1_094 * MB,
    ),
    notBuiltRecipe('example-1-2', ex1, 'block 2 of 3', 'FROM node:18 AS builder\nFROM node:18-alpine', ['node:18-alpine', 'node:18']),
    notBuiltRecipe('example-3-1', 'Example 3: Go Application (Best Example!)', 'block 1 of 1', 'FROM golang:1.21-alpine AS builder\nFROM alpine:latest', [
      'alpine:latest',
      'golang:1.21-alpine',
    ]),
    measuredRecipe(
      'example-4-1',
      ex4,
      'block 1 of 1',
      'FROM python:3.11 AS builder\nFROM python:3.11-slim',
      [
        { ref: 'python:3.11', origin: 'forged', id: id('2') },
        { ref: 'python:3.11-slim', origin: 'forged', id: id('3') },
      ],
      162 * MB,
      { exitedBeforeStop: false, exitCode: 0, ms: 310, killed: false },
    ),
    failedRecipe(
      'best-practices-3',
      'Best Practices:',
      'block 3 of 4',
      'FROM node:18-alpine\nFROM node:18  # Too large',
      'failed to solve: dockerfile parse error on line 6: FROM requires either one or three arguments',
    ),
    failedRecipe('best-practices-4', 'Best Practices:', 'block 4 of 4', 'COPY --from=builder /app .', 'failed to solve: no build stage in current context'),
    failedRecipe(
      'debugging-1-line-9',
      'Debugging Multi-Stage Builds',
      'block 1 of 1, line 9',
      'docker build --target=test .',
      'failed to solve: target stage "test" could not be found',
      'build-command',
    ),
  ];
}
