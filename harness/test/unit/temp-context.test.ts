import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TempContext } from '../../src/measure/temp-context.ts';

describe("a throwaway copy of an app's context", () => {
  const made: string[] = [];
  afterAll(async () => {
    for (const dir of made) await rm(dir, { recursive: true, force: true });
  });

  it("leaves out what a workspace run left in the app's folder (python-api's .venv, Maven's target/), keeps the sources", async () => {
    const app = await mkdtemp(path.join(tmpdir(), 'lab-context-test-'));
    made.push(app);
    for (const file of [
      'api/app.py',
      'tests/test_app.py',
      '.venv/bin/python',
      'target/app.jar',
      'api/__pycache__/app.cpython-313.pyc',
      'node_modules/x/index.js',
    ]) {
      await mkdir(path.dirname(path.join(app, file)), { recursive: true });
      await writeFile(path.join(app, file), '');
    }
    await using copy = await TempContext.copyOf(app, 'context-test');
    expect(['api/app.py', 'tests/test_app.py'].filter((f) => existsSync(copy.path(f)))).toEqual(['api/app.py', 'tests/test_app.py']);
    expect(['.venv', 'target', 'api/__pycache__', 'node_modules'].filter((f) => existsSync(copy.path(f)))).toEqual([]);
  });
});
