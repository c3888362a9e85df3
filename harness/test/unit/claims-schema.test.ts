// reports/claims.json against its JSON Schema (harness/schema/claims-report.schema.json): what
// `pnpm verify` writes passes, and a report of another shape is refused with the paths that are wrong.
import { describe, expect, it } from 'vitest';
import { asClaimsReport, claimsReportProblems } from '../../src/report/schema.ts';
import { fixtureReport } from './support/report-fixture.ts';

describe('the claims report schema', () => {
  it('accepts a report as pnpm verify writes it (facts, checks, packages, bases, every tutorial claim)', () => {
    const report = JSON.parse(JSON.stringify(fixtureReport()));
    expect(claimsReportProblems(report)).toEqual([]);
    expect(asClaimsReport(report).tutorialClaims.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses a verdict it does not know, a missing field and an unknown one, naming each', () => {
    const report = JSON.parse(JSON.stringify(fixtureReport()));
    report.tutorialClaims[0].verdict = 'mostly';
    delete report.apps[0].contract;
    report.apps[1].surprise = true;
    const problems = claimsReportProblems(report);
    expect(problems).toContain('/tutorialClaims/0/verdict: must be equal to one of the allowed values');
    expect(problems).toContain("/apps/0: must have required property 'contract'");
    expect(problems).toContain('/apps/1: must NOT have additional properties (surprise)');
    expect(() => asClaimsReport(report, 'reports/claims.json')).toThrow(
      /reports\/claims\.json does not match harness\/schema\/claims-report\.schema\.json:\n {2}\//,
    );
  });

  it('is versioned: a report says its shape (2: with lessons), and one of the first shape (no version, no lessons) or another version is refused', () => {
    const report = JSON.parse(JSON.stringify(fixtureReport()));
    expect(report.schemaVersion).toBe(2);
    expect(report.lessons.map((l: { id: string }) => l.id)).toContain('example-3');
    const first = { ...report };
    delete first.schemaVersion;
    delete first.lessons;
    expect(claimsReportProblems(first)).toEqual([
      "(the report): must have required property 'schemaVersion'",
      "(the report): must have required property 'lessons'",
    ]);
    expect(claimsReportProblems({ ...report, schemaVersion: 3 })).toEqual(['/schemaVersion: must be equal to constant']);
  });

  it('refuses a report without its tutorial claims or with a generatedAt that is not a time', () => {
    const report = JSON.parse(JSON.stringify(fixtureReport()));
    delete report.tutorialClaims;
    report.generatedAt = 'yesterday';
    expect(claimsReportProblems(report)).toEqual(["(the report): must have required property 'tutorialClaims'", '/generatedAt: must match format "date-time"']);
  });
});
