// non-root: a numeric USER that is not 0, and the running process's uid (shown by the engine)
// not 0; reads the image config and the uid of the measured run (a service, or idleCommand).
import type { AppFacts } from '../contract/app-facts.ts';
import type { ImageFacts } from '../inspect/image.ts';
import { firstLine } from '../format.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ContractModule } from './check.ts';

const numericUser = /^(\d+)(?::(\d+))?$/;

export function checkNonRoot(image: ImageFacts, facts: AppFacts): Verdict {
  const user = image.config.user;
  const match = numericUser.exec(user);
  const configOk = match !== null && Number(match[1]) !== 0;
  const uid = facts.run?.uid;
  // A uid the engine did not show is not evidence: the check fails rather than trust the config alone.
  const shown = Number.isInteger(uid);
  const process = shown ? `process uid ${uid}` : `process uid not shown: ${firstLine(facts.run?.identityError ?? facts.run?.error, 'nothing was run')}`;
  return verdict(
    configOk && shown && uid !== 0,
    'USER uid[:gid], numeric and not 0; the running process uid shown and != 0',
    `USER ${user === '' ? '(unset: root)' : JSON.stringify(user)}; ${process}`,
    !configOk
      ? 'set `USER <uid>:<gid>` (numeric, e.g. 65532:65532) in the production stage'
      : shown
        ? 'the process runs as root although USER is set: something in the image switches back'
        : "the harness must run the image to see its uid (a service, or the entry's idleCommand)",
  );
}

export const nonRoot: ContractModule = {
  kind: 'contract',
  id: 'non-root',
  fixtures: ['runs-as-root'],
  checks: () => [{ id: 'non-root', title: 'numeric non-root USER, and the process does not run as root', evaluate: (f) => checkNonRoot(f.multi.facts, f) }],
};
