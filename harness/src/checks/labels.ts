// labels: the OCI version and revision labels carry the VERSION and REVISION build args, and a
// source is set; reads the image config and the build args the harness passed.
import type { AppFacts } from '../contract/app-facts.ts';
import type { ImageFacts } from '../inspect/image.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ContractModule } from './check.ts';

export function checkLabels(image: ImageFacts, facts: AppFacts): Verdict {
  const labels = image.config.labels;
  const want = {
    'org.opencontainers.image.version': facts.buildArgs.VERSION,
    'org.opencontainers.image.revision': facts.buildArgs.REVISION,
  };
  const wrong = Object.entries(want).filter(([key, value]) => labels[key] !== value);
  const source = labels['org.opencontainers.image.source'];
  return verdict(
    wrong.length === 0 && Boolean(source),
    `version=${want['org.opencontainers.image.version']}, revision=${want['org.opencontainers.image.revision']}, source set`,
    `version=${labels['org.opencontainers.image.version'] ?? '(none)'}, revision=${labels['org.opencontainers.image.revision'] ?? '(none)'}, source=${source ?? '(none)'}`,
    'LABEL org.opencontainers.image.version="${VERSION}" (and revision, source) after ARG VERSION / ARG REVISION in the production stage',
  );
}

export const labels: ContractModule = {
  kind: 'contract',
  id: 'labels',
  fixtures: ['labels-hardcoded'],
  checks: () => [{ id: 'labels', title: 'OCI labels: version and revision from build args, source', evaluate: (f) => checkLabels(f.multi.facts, f) }],
};
