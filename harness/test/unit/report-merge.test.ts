// CI's last job: one report from the per-app reports of the matrix jobs, the tutorial's claims
// decided again on every app together, and `pnpm report:merge` writing it all.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/paths.ts';
import { findReports, mergeReports, MergeError } from '../../src/report/merge.ts';
import { markdownReport } from '../../src/report/claims-report.ts';
import { claimsReportProblems } from '../../src/report/schema.ts';
import { spawningTestTimeoutMs } from '../../src/limits.ts';
import { fixtureCatalogue, fixtureReport, goApiReport, nodeApiReport } from './support/report-fixture.ts';

const run = promisify(execFile);
const temporary: string[] = [];
afterEach(async () => {
  for (const dir of temporary.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('merging claims reports', () => {
  it('takes the apps of every report, in catalogue order, and decides the claims on all of them', () => {
    const go = fixtureReport([goApiReport()], '2026-11-27T10:05:00.000Z');
    const node = fixtureReport([nodeApiReport()], '2026-11-27T10:00:00.000Z');
    expect(node.tutorialClaims.find((c) => c.id === 'table-go')?.verdict).toBe('not checked yet');
    const merged = mergeReports([go, node], ['node-api', 'go-api']);
    expect(merged.apps.map((a) => a.app)).toEqual(['node-api', 'go-api']);
    expect(merged.noReportFrom).toBeUndefined();
    expect(merged.generatedAt).toBe('2026-11-27T10:05:00.000Z');
    expect(merged.tutorialClaims.find((c) => c.id === 'table-go')?.verdict).toBe('holds');
    expect(merged.tutorialClaims.find((c) => c.id === 'fewer-packages')?.detail).toBe('node-api 412 -> 5, go-api 380 -> 0');
    expect(claimsReportProblems(JSON.parse(JSON.stringify(merged)))).toEqual([]);
  });

  it('decides nothing on an app that sent no report: claims naming it, or every app, wait for it', () => {
    // go-api's CI job failed: only node-api reported.
    const merged = mergeReports([fixtureReport([nodeApiReport()])], ['node-api', 'go-api']);
    expect(merged.noReportFrom).toEqual(['go-api']);
    const verdict = (id: string) => merged.tutorialClaims.find((c) => c.id === id);
    // Every app: fewer packages, a smaller download, non-root, exec form, the cache order.
    for (const id of ['fewer-packages', 'faster-deployments'])
      expect(verdict(id), id).toMatchObject({ verdict: 'not checked yet', detail: 'no report from go-api' });
    const everyApp = merged.tutorialClaims.filter((c) => c.decidedBy.startsWith('every app'));
    expect(everyApp.length).toBeGreaterThan(5);
    for (const claim of everyApp) expect(claim, claim.id).toMatchObject({ verdict: 'not checked yet', detail: 'no report from go-api' });
    // Named: go-api's own row waits, node-api's is decided.
    expect(verdict('table-go')).toMatchObject({ verdict: 'not checked yet', detail: 'no report from go-api' });
    expect(verdict('table-node')?.verdict).not.toBe('not checked yet');
    expect(markdownReport(merged)).toContain('No report from go-api: the claims that name it, or every app, are not checked.');
    expect(claimsReportProblems(JSON.parse(JSON.stringify(merged)))).toEqual([]);
  });

  it('keeps the newer measurement of an app measured twice', () => {
    const older = fixtureReport([nodeApiReport({ title: 'older' })], '2026-11-27T09:00:00.000Z');
    const newer = fixtureReport([nodeApiReport({ title: 'newer' })], '2026-11-27T11:00:00.000Z');
    expect(mergeReports([older, newer], fixtureCatalogue).apps.map((a) => a.title)).toEqual(['newer']);
  });

  it("keeps the tutorial's recipes of the newest report that ran them, and decides on them", () => {
    const compose = {
      id: 'docker-compose-with-multi-stage-1',
      kind: 'compose-file' as const,
      source: { section: 'Docker Compose with Multi-Stage', where: 'block 1 of 1' },
      text: 'version: "3.8"',
      bases: [],
      outcome: { kind: 'ran' as const, output: ['docker-compose.yml: the attribute `version` is obsolete'] },
    };
    const whole = { ...fixtureReport([goApiReport()], '2026-11-27T10:00:00.000Z'), recipes: [compose] };
    const node = fixtureReport([nodeApiReport()], '2026-11-27T10:05:00.000Z');
    const merged = mergeReports([node, whole], ['node-api', 'go-api']);
    expect(merged.recipes).toEqual([compose]);
    expect(merged.tutorialClaims.find((c) => c.id === 'compose-version-key')?.verdict).toBe('does not hold');
    expect(mergeReports([node], ['node-api']).tutorialClaims.find((c) => c.id === 'compose-version-key')?.verdict).toBe('not checked yet');
  });

  it('refuses to merge nothing', () => {
    expect(() => mergeReports([], fixtureCatalogue)).toThrow(MergeError);
  });

  it("finds every claims.json under CI's artifact folders (one folder per job)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lab-merge-'));
    temporary.push(dir);
    for (const job of ['report-go-api', 'report-node-api']) {
      await mkdir(path.join(dir, job), { recursive: true });
      await writeFile(path.join(dir, job, 'claims.json'), '{}');
      await writeFile(path.join(dir, job, 'claims.md'), '');
    }
    expect((await findReports([dir])).map((f) => path.relative(dir, f))).toEqual(['report-go-api/claims.json', 'report-node-api/claims.json']);
  });

  it(
    'pnpm report:merge writes the merged claims.json, claims.md and index.html, and refuses a report of another shape',
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'lab-merge-'));
      temporary.push(dir);
      for (const [job, report] of [
        ['report-node-api', fixtureReport([nodeApiReport()])],
        ['report-go-api', fixtureReport([goApiReport()])],
      ] as const) {
        await mkdir(path.join(dir, job), { recursive: true });
        await writeFile(path.join(dir, job, 'claims.json'), JSON.stringify(report));
      }
      const out = path.join(dir, 'merged');
      // No browser for this run: the page itself is checked in Chromium by report-page.test.ts.
      // The catalogue narrowed to the two apps that reported, as a CI matrix of two jobs would.
      const env = { ...process.env, LAB_CHROMIUM: path.join(dir, 'no-chromium'), LAB_APPS: 'node-api,go-api' };
      const { stdout, stderr } = await run(process.execPath, ['harness/src/cli/report-merge.ts', '--out', out, dir], { cwd: repoRoot, env });
      expect(stdout).toContain('merged 2 report(s), apps go-api, node-api');
      expect(stderr).toContain('index.html: no Chromium at');
      const merged = JSON.parse(await readFile(path.join(out, 'claims.json'), 'utf8'));
      // In catalogue order (the entry files' names), whatever order the reports came in.
      expect(merged.apps.map((a: { app: string }) => a.app)).toEqual(['go-api', 'node-api']);
      expect(await readFile(path.join(out, 'claims.md'), 'utf8')).toContain("## The tutorial's claims");
      expect(await readFile(path.join(out, 'index.html'), 'utf8')).toContain('<canvas id="sizes"');

      await writeFile(path.join(dir, 'report-node-api', 'claims.json'), JSON.stringify({ generatedAt: 'now', apps: [] }));
      const failed = await run(process.execPath, ['harness/src/cli/report-merge.ts', '--out', out, dir], { cwd: repoRoot, env }).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect('code' in failed && failed.code).not.toBe(0);
      expect((failed as { stderr: string }).stderr).toMatch(/report-node-api\/claims\.json does not match harness\/schema\/claims-report\.schema\.json/);
    },
    spawningTestTimeoutMs,
  );

  it(
    'pnpm report:merge says which catalogue app sent no report and exits 1, having written the report with those claims not checked',
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'lab-merge-'));
      temporary.push(dir);
      await mkdir(path.join(dir, 'report-node-api'), { recursive: true });
      await writeFile(path.join(dir, 'report-node-api', 'claims.json'), JSON.stringify(fixtureReport([nodeApiReport()])));
      const out = path.join(dir, 'merged');
      const env = { ...process.env, LAB_CHROMIUM: path.join(dir, 'no-chromium'), LAB_APPS: 'node-api,go-api' };
      const failed = await run(process.execPath, ['harness/src/cli/report-merge.ts', '--out', out, dir], { cwd: repoRoot, env }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/^no report from go-api: \d+ claim\(s\) that name it, or every app, are not checked$/m);
      const merged = JSON.parse(await readFile(path.join(out, 'claims.json'), 'utf8'));
      expect(merged.noReportFrom).toEqual(['go-api']);
      expect(merged.tutorialClaims.find((c: { id: string }) => c.id === 'fewer-packages')).toMatchObject({
        verdict: 'not checked yet',
        detail: 'no report from go-api',
      });
    },
    spawningTestTimeoutMs,
  );
});
