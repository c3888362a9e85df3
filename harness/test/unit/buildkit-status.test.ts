import { describe, expect, it } from 'vitest';
import { decodeStatus, encodeStatus } from '../../src/engine/buildkit-status.ts';

describe('BuildKit status records', () => {
  it('decode what BuildKit encodes: steps, cache hits, timings, errors and log lines', () => {
    const update = {
      vertexes: [
        { digest: 'sha256:a', name: '[deps 2/4] RUN pnpm install', cached: true, started: 1_700_000_000_123, completed: 1_700_000_000_456 },
        { digest: 'sha256:b', name: '[test 3/3] RUN pnpm test', cached: false, started: 1_700_000_001_000, error: 'exit code: 1' },
      ],
      logs: [{ digest: 'sha256:b', text: 'FAIL src/app.test.ts\n' }],
    };
    expect(decodeStatus(encodeStatus(update))).toEqual(update);
  });

  it('decode an empty record to nothing', () => {
    expect(decodeStatus('')).toEqual({ vertexes: [], logs: [] });
  });
});
