// The image contract and the tutorial's target and cache claims, for every catalogue entry.
// Generated from the catalogue: adding an app adds no code here.
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../src/catalogue/index.ts';
import { describeFailure } from '../../src/verdict.ts';
import type { AppFacts } from '../../src/contract/app-facts.ts';
import { tipOutcome } from '../../src/catalogue/tip-verdict.ts';
import { suiteFor } from '../../src/suite.ts';

for (const entry of catalogue()) {
  const suite = suiteFor(entry);

  describe(entry.name, () => {
    let facts: AppFacts | undefined;
    let measureError: Error | undefined;

    beforeAll(async () => {
      // A build that fails is reported by every check below, with the failing step and its log.
      // Replayed when `pnpm verify` (or an earlier run) measured it under the same key (suite.ts).
      facts = await suite.measure().then(
        ({ facts, replayed }) => {
          if (replayed) process.stdout.write(`${entry.name}: images and measurements replayed, as ${replayed.by} measured them at ${replayed.at}\n`);
          return facts;
        },
        (error: Error) => {
          measureError = error;
          return undefined;
        },
      );
    });

    describe('production image contract', () => {
      for (const check of suite.contract) {
        it(check.title, () => {
          if (!facts) throw measureError ?? new Error('not measured');
          const verdict = check.evaluate(facts);
          if (!verdict.ok) expect.fail(describeFailure(entry.name, { id: check.id, title: check.title, ...verdict }));
          expect(verdict.ok).toBe(true);
        });
      }
    });

    // The tutorial's tips are findings: the test shows each was tried; whether it holds is the report's.
    describe.runIf((entry.tips ?? []).length > 0)('tutorial tips (findings: tried here, reported by pnpm verify)', () => {
      (entry.tips ?? []).forEach((tip, i) => {
        it(`\`${tip.tip}\` was tried in the ${tip.image}-stage image`, () => {
          if (!facts) throw measureError ?? new Error('not measured');
          const tried = facts.tips?.[i];
          expect(tried, 'not tried').toBeDefined();
          // Either verdict is a finding; a trial whose setup or control failed decided nothing.
          const outcome = tipOutcome(tried!);
          expect(outcome.verdict, outcome.verdict === 'not decided' ? `${outcome.why}\n${tried!.output}` : '').not.toBe('not decided');
        });
      });
    });

    // An entry without targets or cache claims (a tool image) gets no empty block.
    describe.runIf(suite.claims.length > 0)('targets, cache and build secrets', () => {
      for (const claim of suite.claims) {
        it(claim.title, async () => {
          const verdict = await claim.verify();
          if (!verdict.ok) expect.fail(describeFailure(entry.name, { id: claim.id, title: claim.title, ...verdict }));
          expect(verdict.ok).toBe(true);
        });
      }
    });
  });
}
