// hardening: a service serves its health path with a read-only root, all capabilities dropped and
// no-new-privileges; reads the hardened run (measure/runs.ts).
import type { AppFacts } from '../contract/app-facts.ts';
import { firstLine } from '../format.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ContractModule } from './check.ts';

export function checkHardening(facts: AppFacts): Verdict {
  const hardened = facts.hardened;
  return verdict(
    hardened?.served === true,
    'health path answers 200 under --read-only --cap-drop ALL --security-opt no-new-privileges',
    hardened?.served ? 'served' : `did not serve: ${firstLine(hardened?.error, 'not run')}`,
    hardened?.error,
  );
}

export const hardening: ContractModule = {
  kind: 'contract',
  id: 'hardening',
  fixtures: ['writes-root'],
  checks: (entry) =>
    entry.service
      ? [{ id: 'hardening', title: 'serves with a read-only root, all capabilities dropped, no-new-privileges', evaluate: (f) => checkHardening(f) }]
      : [],
};
