// exec-form: a service starts in exec form (the app is PID 1 and gets the signals), not under
// `sh -c`; reads the image config's ENTRYPOINT and CMD.
import type { ImageFacts } from '../inspect/image.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ContractModule } from './check.ts';

const shells = /(^|\/)(sh|bash|dash|ash|zsh)$/;

export function checkExecForm(image: ImageFacts): Verdict {
  const { entrypoint, cmd } = image.config;
  // The command the engine starts: ENTRYPOINT if set (CMD is then its arguments), else CMD.
  const [field, start] = entrypoint?.length ? (['ENTRYPOINT', entrypoint] as const) : (['CMD', cmd ?? []] as const);
  // Shell form is stored as ["/bin/sh", "-c", "<the line>"]: the shell is PID 1, not the app.
  const shellForm = start.length >= 2 && shells.test(start[0] ?? '') && start[1] === '-c';
  return verdict(
    start.length > 0 && !shellForm,
    'ENTRYPOINT/CMD in exec form (JSON array)',
    start.length ? `\`${field} ${JSON.stringify(start)}\`${shellForm ? ' (shell form)' : ''}` : 'no start command',
    `shell-form ${field} runs the app under ${start[0] ?? '/bin/sh'} -c, which does not forward SIGTERM: write it as a JSON array`,
  );
}

export const execForm: ContractModule = {
  kind: 'contract',
  id: 'exec-form',
  fixtures: ['shell-form'],
  checks: (entry) =>
    entry.service
      ? [{ id: 'exec-form', title: 'exec-form start command (the app is PID 1 and gets the signals)', evaluate: (f) => checkExecForm(f.multi.facts) }]
      : [],
};
