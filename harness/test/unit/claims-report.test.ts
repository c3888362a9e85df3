import { describe, expect, it } from 'vitest';
import type { AppFacts } from '../../src/contract/facts.ts';
import { markdownReport, tipFindings, type AppReport } from '../../src/report/claims-report.ts';

const tried: AppReport = {
  app: 'python-api',
  title: 'a Python service',
  contract: [],
  claims: [],
  bases: [],
  facts: {
    app: 'python-api',
    buildArgs: { VERSION: '1.0.0', REVISION: 'abc' },
    single: { tag: 'lab/python-api:single', buildMs: 1, facts: { uncompressedBytes: 1_200_000_000, compressedBytes: 1, layers: [] } },
    multi: { tag: 'lab/python-api:multi', buildMs: 1, facts: { uncompressedBytes: 50_000_000, compressedBytes: 1, layers: [] } },
    tips: [
      {
        tip: 'pip install --no-dev',
        command: ['pip', 'install', '--no-dev', 'starlette'],
        exitCode: 2,
        output: '\nUsage: pip install [options] ...\n\nno such option: --no-dev\n',
        instead: 'dependency groups; `uv sync --no-dev`',
      },
    ],
  } as unknown as AppFacts,
};

describe('the claims report', () => {
  it('shows a tutorial tip as tried: the command, its exit code and last line, and what the lab does instead', () => {
    expect(tipFindings(tried)).toEqual([
      ['python-api', '`pip install --no-dev`', '`pip install --no-dev starlette`: exit 2, "no such option: --no-dev"', 'NO', 'dependency groups; `uv sync --no-dev`'],
    ]);
  });

  it('gives tips their own section, only when an app tried one', () => {
    const withTips = markdownReport({ generatedAt: 'now', engine: '26.1.5', apps: [tried] });
    expect(withTips).toContain("## The tutorial's tips, tried");
    expect(withTips).toContain('no such option: --no-dev');
    const without = markdownReport({ generatedAt: 'now', engine: '26.1.5', apps: [{ ...tried, facts: undefined }] });
    expect(without).not.toContain('tips, tried');
  });
});
