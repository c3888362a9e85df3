// reports/claims.json has a JSON Schema in the repository (harness/schema/claims-report.schema.json):
// every report is checked against it before it is written, and the merge of CI's reports checks
// what it reads, so a report of another shape is refused with the paths that are wrong.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { fromRepo } from '../paths.ts';
import type { ClaimsReport } from './claims-model.ts';

export const claimsSchemaPath = fromRepo('harness/schema/claims-report.schema.json');

// ajv-formats is CommonJS: its default export is the plugin function itself.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let validator: ReturnType<Ajv['compile']> | undefined;

function validate(value: unknown): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(claimsSchemaPath, 'utf8')) as object);
  }
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/** What is wrong with a report, as "path: message" lines; empty when it matches the schema. */
export function claimsReportProblems(value: unknown): string[] {
  return validate(value).map(
    (e) =>
      `${e.instancePath || '(the report)'}: ${e.message ?? 'invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
  );
}

export class ReportShapeError extends Error {
  constructor(what: string, problems: string[]) {
    super(
      `${what} does not match ${claimsSchemaPath.replace(`${fromRepo('.')}/`, '')}:\n${problems
        .slice(0, 20)
        .map((p) => `  ${p}`)
        .join('\n')}${problems.length > 20 ? `\n  ... and ${problems.length - 20} more` : ''}`,
    );
    this.name = 'ReportShapeError';
  }
}

/** The report, if it matches the schema; throws with every problem otherwise. */
export function asClaimsReport(value: unknown, what = 'the claims report'): ClaimsReport {
  const problems = claimsReportProblems(value);
  if (problems.length) throw new ReportShapeError(what, problems);
  return value as ClaimsReport;
}
