// The build-arg claim (the tutorial's API_URL): two production builds with different values;
// each image is run and opened in a real browser, which must request its own value and not the
// other; then every file of every layer, and the image config, is searched for both values.
import path from 'node:path';
import picomatch from 'picomatch';
import type { AppEntry } from '../catalogue/types.ts';
import type { BuildArgFacts } from '../contract/app-facts.ts';
import { browse } from '../browser/session.ts';
import { findInImage } from '../inspect/search.ts';
import { reportsDir } from '../paths.ts';
import { runContainer } from '../run/container.ts';
import { buildApp, temporaryTag } from './images.ts';

const startWithinMs = 30_000;

export async function measureBuildArg(entry: AppEntry): Promise<BuildArgFacts> {
  const spec = entry.buildArg;
  const service = entry.service;
  if (!spec || !service) throw new Error(`${entry.name} has no buildArg claim or no service to open in a browser`);
  const allowed = picomatch(spec.allowedIn, { dot: true });
  const facts: BuildArgFacts = { arg: spec.arg, images: [] };
  for (const [index, value] of spec.values.entries()) {
    const other = spec.values[1 - index] ?? '';
    const tag = temporaryTag(entry, `${spec.arg.toLowerCase()}-${index + 1}`);
    const image: BuildArgFacts['images'][number] = { value, tag, requestedOwn: [], requestedOther: [], found: [] };
    facts.images.push(image);
    try {
      await buildApp(entry, { variant: 'multi', target: entry.productionTarget, temporaryTag: tag, extraBuildArgs: { [spec.arg]: value } });
      {
        await using container = await runContainer({ image: tag, port: service.port, ...(service.env ? { env: service.env } : {}) });
        await container.waitForHttp(service.healthPath, startWithinMs);
        const stubs = [value, other].map((base) => ({ url: `${base}/**`, json: spec.stubJson }));
        const seen = await browse(
          { steps: [{ goto: spec.browserPath, expectText: spec.expectText }], stubs },
          { url: (p) => container.url(p), screenshotDir: path.join(reportsDir, 'browser'), name: `${entry.name}-${spec.arg.toLowerCase()}-${index + 1}` },
        );
        const failure = seen.error ?? seen.steps.find((s) => !s.ok)?.error;
        if (failure) image.browserError = failure;
        image.requestedOwn = seen.requests.filter((r) => r.url.startsWith(value)).map((r) => r.url);
        image.requestedOther = seen.requests.filter((r) => r.url.startsWith(other)).map((r) => r.url);
      }
      for (const needle of [value, other]) {
        for (const hit of await findInImage(tag, needle)) {
          const where = hit.place === 'config' ? `image config (${hit.at})` : hit.at;
          image.found.push({
            value: needle,
            where,
            ...(hit.layer !== undefined ? { layer: hit.layer } : {}),
            allowed: hit.place === 'layer' && allowed(hit.at),
          });
        }
      }
    } catch (error) {
      image.error = (error as Error).message;
    }
  }
  return facts;
}
