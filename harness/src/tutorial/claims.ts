// Every checkable claim of the tutorial ("Docker Multi-Stage Builds", read where file.ts says), in
// one list: where it is made, its words, its number, and what decides it. Its numbers are the
// tutorial's figures (figures.ts), typed there once. The verdicts are computed from the
// measurements (verdicts.ts), so a claim about an app the catalogue does not have yet is decided
// as soon as that app is in the catalogue and measured: no change here is needed when it lands.
import type { RecipeKind } from '../recipes/types.ts';
import { exampleSizes, graphic, inMB, sizeTable, sizeTableSection, type SizeRow } from './figures.ts';

/**
 * An image size as the tutorial words it: "~150 MB" (about), "300+ MB" (at least); for a "before",
 * `on` names the base image the tutorial's stands on (node:18), which today's may have outgrown.
 */
export type SizeWords = ({ about: number } | { atLeast: number }) & { on?: string };

/** One figure the tutorial gives, where, in its words, and as a number. */
export interface Figure {
  where: string;
  words: string;
  value: number;
  /** "300+ MB": a lower bound, which any figure at least that large agrees with. */
  atLeast?: true;
}

/** One of the tutorial's recipes as the lab runs it (recipes/): its section, its kind, and a piece of its text that tells it apart. */
export interface RecipeRef {
  section: string;
  kind: RecipeKind;
  contains?: string;
}

/**
 * What a recipe-decided claim expects of the recipe run as written:
 * - `works`: it builds or runs (the engine's error is the finding);
 * - `no-warning`: it runs and the engine says nothing against it (a warning is the finding);
 * - `compares-images`: an image listing after the block's builds shows more than one image to compare (read from the block's `-t` tags);
 * - `tests-gate-production`: a build of its default target runs a test command (read from its stages with dockerfile-ast);
 * - `stops-on-sigterm`: a container of the built image ends on `docker stop`'s SIGTERM, not killed when the grace runs out.
 */
export type RecipeExpectation = 'works' | 'no-warning' | 'compares-images' | 'tests-gate-production' | 'stops-on-sigterm';

/**
 * What decides a claim. Measured kinds read the report of the apps they name (an app the run
 * did not measure leaves the claim "not checked yet", with the reason); `consistency` and
 * `arithmetic` read the tutorial alone (the tutorial against itself).
 */
export type Decision =
  /** The app's images against the tutorial's sizes: the multi-stage image at most `multi` (when
   * "about"), the single-stage image within 25% of `single` ("about") or at least it ("+"), and
   * the reduction at least `reductionPercent`. Only what the claim states is decided. */
  | {
      kind: 'sizes';
      app: string;
      single?: SizeWords;
      multi?: SizeWords;
      reductionPercent?: number;
      /** The tutorial's own single-stage recipe: where the run measured it (on the tutorial's base), the "before" is decided on it, not on the lab's. */
      recipeSingle?: RecipeRef;
    }
  /** Checks of the lab's suite (contract checks or target claims, by id) on each of these apps
   * ('every': every app measured). The claim holds when every one passed. With `refutes`, the
   * checks passing shows the claim's reading is not needed: the claim does not hold. */
  | { kind: 'checks'; apps: string[] | 'every'; checks: string[]; refutes?: string }
  /** Every contract check of the app passed (the app is the tutorial's example, built well). */
  | { kind: 'contract'; app: string }
  /** An environment variable of the app's production image config. */
  | { kind: 'image-env'; app: string; name: string; value: string }
  /** A tip tried with the app's own toolchain (the catalogue's `tips`): decided by the verdict line its trial prints (catalogue/tip-verdict.ts). */
  | { kind: 'tip'; app: string; tip: string }
  /** The app's files (below its production image's WORKDIR) are owned, per the image's layers,
   * by no uid its process runs as, and these checks pass: owning them is not needed, which
   * `refutes` explains (shown only with that verdict). */
  | { kind: 'file-owners'; app: string; checks: string[]; refutes: string }
  /** The multi-stage image has fewer OS packages than the single-stage one, for every app measured. */
  | { kind: 'fewer-os-packages' }
  /** The multi-stage image downloads smaller (compressed, as a registry stores it), for every app measured. */
  | { kind: 'smaller-download' }
  /** "Often" `fromPercent`-`toPercent`: most of these apps (those measured) are at least `fromPercent` smaller. */
  | { kind: 'typical-reduction'; apps: string[]; fromPercent: number; toPercent: number }
  /** The tutorial's own figures for the same thing must agree (within `tolerance`, same unit). */
  | { kind: 'consistency'; figures: Figure[]; tolerance: number; unit: string }
  /** A stated reduction against the sizes it is stated for: it must be their reduction, rounded or truncated. */
  | { kind: 'arithmetic'; rows: { where: string; singleBytes: number; multiBytes: number; statedPercent: number }[] }
  /** The multi-stage image is smaller on disk and to download (uncompressed and gzip'd), for every app measured. */
  | { kind: 'smaller-stored' }
  /** The tutorial's own recipes run as written (recipes/): each must meet the expectation; one not built here waits, with the reason. */
  | { kind: 'recipe'; recipes: RecipeRef[]; expect: RecipeExpectation }
  /** The base images the lab has: each minimal one against its full one (sizes read from the engine, as the apps' bases were measured). */
  | { kind: 'base-sizes'; pairs: { full: string; minimal: string }[] }
  /** A full install of the app's lockfile (dev dependencies included) against its production closure: the dev-only packages copying it would ship. */
  | { kind: 'dev-dependencies'; app: string }
  /** Nothing the lab measures decides it (yet): always "not checked yet", with the reason. */
  | { kind: 'not-measured'; why: string };

export interface Claim {
  /** Stable id: the report, the page and the tests name claims by it. */
  id: string;
  /** Where the tutorial makes it: its section, and the part of it. */
  section: string;
  /** The tutorial's words, quoted. */
  quote: string;
  /** The number it states, in its words, where it states one. */
  figure?: string;
  /**
   * A point the tutorial never makes (that build args suit credentials, that the user must own
   * its files): the reading is the lab's, so its verdict is the lab's own advice, shown apart
   * from the findings about the tutorial.
   */
  advice?: true;
  /** What this finding shares with others (causes, below): findings of one cause count once. */
  cause?: keyof typeof causes;
  /** How the lab reads the claim, where its words need reading. */
  reading?: string;
  decide: Decision;
}

const gb = (bytes: number) => `${inMB(bytes) / 1_000} GB`;
const node = sizeTable['node-api'];

/** Causes that several findings share, in words: a reader counts each once. */
export const causes = {
  'node-two-sets': `the tutorial gives Node.js two sets of figures, the graphic's ${gb(graphic.singleBytes)} -> ${inMB(graphic.multiBytes)} MB (${graphic.reductionPercent}%) and the table's ${gb(node.singleBytes)} -> ${inMB(node.multiBytes)} MB (${node.reductionPercent}%), and Example 1 pairs the table's ${gb(exampleSizes[1].singleBytes)} with the graphic's ${exampleSizes[1].reductionPercent}%`,
} as const;

/** Apps the claims name that the catalogue does not have yet, each with what brings it (none today: every app the claims name is catalogued). */
export const plannedApps: Record<string, string> = {};

const table = sizeTableSection;
// A table row is decided on what multi-stage builds promise: the "after" and the reduction. Its
// "before" is context (the single-stage image depends on the base image's release), decided in
// the example that gives it (example-1-single, example-3-sizes, ...), and shown in the detail.
const examples = 'Code Implementation';

/** A row of the size table, decided on what multi-stage builds promise (see above). */
function tableRow(app: keyof typeof sizeTable): Decision {
  const row: SizeRow = sizeTable[app];
  return { kind: 'sizes', app, multi: { about: row.multiBytes }, reductionPercent: row.reductionPercent };
}

export const tutorialClaims: Claim[] = [
  // ---- The opening graphic (3. Visual Representation) -------------------------------------------
  {
    id: 'graphic-sizes',
    section: 'Visual Representation: Image Size Comparison',
    quote:
      'Single-Stage Build 1.2 GB (Node.js 18, Source Code, node_modules, Build Tools, Dev Dependencies, Build Artifacts) / Multi-Stage Build 150 MB (Node.js Slim, Built Files, Prod Dependencies)',
    figure: '1.2 GB -> 150 MB',
    decide: { kind: 'sizes', app: 'node-api', single: { about: graphic.singleBytes, on: graphic.singleBase }, multi: { about: graphic.multiBytes } },
  },
  {
    id: 'graphic-reduction',
    section: 'Visual Representation: Image Size Comparison',
    quote: '87% Size Reduction!',
    figure: '87%',
    decide: { kind: 'sizes', app: 'node-api', reductionPercent: graphic.reductionPercent },
  },
  {
    id: 'graphic-arithmetic',
    section: 'Visual Representation: Image Size Comparison',
    quote: '1.2 GB ... 150 MB ... 87% Size Reduction! (the bar drawn at width 12.5%)',
    figure: '87%',
    decide: {
      kind: 'arithmetic',
      rows: [{ where: 'the graphic', singleBytes: graphic.singleBytes, multiBytes: graphic.multiBytes, statedPercent: graphic.reductionPercent }],
    },
  },
  {
    id: 'graphic-vs-table-node-single',
    cause: 'node-two-sets',
    section: 'Visual Representation against Size Comparison Examples',
    quote: 'Single-Stage Build 1.2 GB (the graphic, a Node.js 18 app) / Node.js 1.1 GB (the table and Example 1)',
    figure: '1.2 GB against 1.1 GB',
    decide: {
      kind: 'consistency',
      unit: 'MB',
      tolerance: 0,
      figures: [
        { where: 'the opening graphic', words: 'Single-Stage Build 1.2 GB', value: inMB(graphic.singleBytes) },
        { where: `${table}, Node.js row`, words: '1.1 GB', value: inMB(sizeTable['node-api'].singleBytes) },
        { where: 'Example 1', words: '# Image size: ~1.1 GB', value: inMB(exampleSizes[1].singleBytes) },
      ],
    },
  },

  // ---- The size table (7. Things to Consider) -----------------------------------------------------
  {
    id: 'table-node',
    section: `${table}: Node.js`,
    quote: 'Node.js | 1.1 GB | 150 MB | 86%',
    figure: '1.1 GB -> 150 MB, 86%',
    decide: tableRow('node-api'),
  },
  {
    id: 'table-react',
    section: `${table}: React`,
    quote: 'React | 350 MB | 25 MB | 93%',
    figure: '350 MB -> 25 MB, 93%',
    decide: tableRow('react-spa'),
  },
  {
    id: 'table-go',
    section: `${table}: Go`,
    quote: 'Go | 800 MB | 15 MB | 98%',
    figure: '800 MB -> 15 MB, 98%',
    decide: tableRow('go-api'),
  },
  {
    id: 'table-python',
    section: `${table}: Python`,
    quote: 'Python | 900 MB | 180 MB | 80%',
    figure: '900 MB -> 180 MB, 80%',
    decide: tableRow('python-api'),
  },
  {
    id: 'table-java',
    section: `${table}: Java`,
    quote: 'Java | 700 MB | 280 MB | 60%',
    figure: '700 MB -> 280 MB, 60%',
    decide: tableRow('java-api'),
  },
  {
    id: 'table-arithmetic',
    section: table,
    quote: 'the Reduction column against the Single-Stage and Multi-Stage columns of each row',
    figure: '86%, 93%, 98%, 80%, 60%',
    decide: {
      kind: 'arithmetic',
      rows: Object.values(sizeTable).map((r) => ({ where: r.row, singleBytes: r.singleBytes, multiBytes: r.multiBytes, statedPercent: r.reductionPercent })),
    },
  },

  // ---- Examples 1-8 (6. Code Implementation) ------------------------------------------------------
  {
    id: 'example-1-single',
    section: `${examples}: Example 1, Simple Node.js App (single-stage)`,
    quote: 'FROM node:18 ... RUN npm install # Installs ALL dependencies ... # Image size: ~1.1 GB',
    figure: '~1.1 GB',
    decide: {
      kind: 'sizes',
      app: 'node-api',
      single: { about: exampleSizes[1].singleBytes, on: exampleSizes[1].singleBase },
      recipeSingle: { section: 'Example 1: Simple Node.js App', kind: 'dockerfile', contains: 'Installs ALL dependencies' },
    },
  },
  {
    id: 'example-1-multi',
    section: `${examples}: Example 1, Simple Node.js App (multi-stage)`,
    quote: '# Image size: ~150 MB (87% reduction!)',
    figure: '~150 MB, 87%',
    decide: { kind: 'sizes', app: 'node-api', multi: { about: exampleSizes[1].multiBytes }, reductionPercent: exampleSizes[1].reductionPercent },
  },
  {
    id: 'example-1-vs-table',
    cause: 'node-two-sets',
    section: `${examples}: Example 1 against ${table}`,
    quote: 'Example 1: "~1.1 GB" -> "~150 MB (87% reduction!)"; the table: Node.js 1.1 GB -> 150 MB, 86%',
    figure: '87% against 86%',
    decide: {
      kind: 'consistency',
      unit: '%',
      tolerance: 0,
      figures: [
        { where: 'Example 1', words: '~150 MB (87% reduction!)', value: exampleSizes[1].reductionPercent },
        { where: `${table}, Node.js row`, words: '86%', value: sizeTable['node-api'].reductionPercent },
      ],
    },
  },
  {
    id: 'example-1-arithmetic',
    cause: 'node-two-sets',
    section: `${examples}: Example 1, Simple Node.js App`,
    quote: '# Image size: ~1.1 GB ... # Image size: ~150 MB (87% reduction!)',
    figure: '87%',
    decide: { kind: 'arithmetic', rows: [{ where: 'Example 1', ...exampleSizes[1], statedPercent: exampleSizes[1].reductionPercent }] },
  },
  {
    id: 'example-1-tests-in-build',
    section: `${examples}: Example 1 (and "Not running tests in build stage", Common Pitfalls)`,
    quote: 'RUN npm test  # Run tests during build',
    reading: 'a failing test fails the image build (and a passing one lets it through)',
    decide: { kind: 'checks', apps: 'every', checks: ['target-test'] },
  },
  {
    id: 'example-2-multi',
    section: `${examples}: Example 2, React Application`,
    quote: '# Final size: ~25 MB (vs 300+ MB single stage)',
    figure: '~25 MB, 300+ MB',
    decide: {
      kind: 'sizes',
      app: 'react-spa',
      single: { atLeast: exampleSizes[2].singleAtLeastBytes, on: exampleSizes[2].singleBase },
      multi: { about: exampleSizes[2].multiBytes },
    },
  },
  {
    id: 'example-2-vs-table',
    section: `${examples}: Example 2 against ${table}`,
    quote: 'Example 2: "vs 300+ MB single stage"; the table: React 350 MB',
    figure: '300+ MB against 350 MB',
    decide: {
      kind: 'consistency',
      unit: 'MB',
      tolerance: 0,
      figures: [
        { where: 'Example 2', words: 'vs 300+ MB single stage', value: inMB(exampleSizes[2].singleAtLeastBytes), atLeast: true },
        { where: `${table}, React row`, words: '350 MB', value: inMB(sizeTable['react-spa'].singleBytes) },
      ],
    },
  },
  {
    id: 'example-3-sizes',
    section: `${examples}: Example 3, Go Application`,
    quote: '# Final size: ~15 MB (vs 800+ MB with golang image!)',
    figure: '~15 MB, 800+ MB',
    decide: {
      kind: 'sizes',
      app: 'go-api',
      single: { atLeast: exampleSizes[3].singleAtLeastBytes, on: exampleSizes[3].singleBase },
      multi: { about: exampleSizes[3].multiBytes },
    },
  },
  {
    id: 'example-3-ca-certificates',
    section: `${examples}: Example 3, Go Application`,
    quote: '# Add ca-certificates for HTTPS\nRUN apk --no-cache add ca-certificates',
    reading: 'with a CA bundle in the image, the Go binary verifies HTTPS certificate chains',
    decide: { kind: 'checks', apps: ['go-api'], checks: ['tls'] },
  },
  {
    id: 'example-3-installsuffix',
    section: `${examples}: Example 3, Go Application`,
    quote: 'RUN CGO_ENABLED=0 GOOS=linux go build -a -installsuffix cgo -o main .',
    reading: '`-a -installsuffix cgo` is part of what makes the static binary: without the flags the binary differs',
    decide: { kind: 'tip', app: 'go-api', tip: 'go build -a -installsuffix cgo' },
  },
  {
    id: 'example-3-apk-ca-certificates',
    section: `${examples}: Example 3, Go Application`,
    quote: 'FROM alpine:latest\n# Add ca-certificates for HTTPS\nRUN apk --no-cache add ca-certificates',
    reading: 'alpine:latest lacks a CA bundle, so the step adds one',
    decide: {
      kind: 'not-measured',
      why: 'alpine:latest needs a registry and none answers on this machine (the lab forges Debian-based images only); it would be decided where one answers (CI on GitHub runners) by listing /etc/ssl/certs/ca-certificates.crt and `apk info ca-certificates` in alpine:latest before the step. What the step is for (a CA bundle the binary verifies HTTPS with) is example-3-ca-certificates',
    },
  },
  {
    id: 'example-4-sizes',
    section: `${examples}: Example 4, Python Application`,
    quote: '# Size reduction: ~900 MB → ~180 MB',
    figure: '~900 MB -> ~180 MB',
    decide: {
      kind: 'sizes',
      app: 'python-api',
      single: { about: exampleSizes[4].singleBytes, on: exampleSizes[4].singleBase },
      multi: { about: exampleSizes[4].multiBytes },
    },
  },
  {
    id: 'example-5-sizes',
    section: `${examples}: Example 5, Java Spring Boot`,
    quote: '# Size: ~280 MB (vs 700+ MB with full JDK)',
    figure: '~280 MB, 700+ MB',
    decide: {
      kind: 'sizes',
      app: 'java-api',
      single: { atLeast: exampleSizes[5].singleAtLeastBytes, on: exampleSizes[5].singleBase },
      multi: { about: exampleSizes[5].multiBytes },
    },
  },
  {
    id: 'example-6-two-builds',
    section: `${examples}: Example 6, Multiple Builds in One Dockerfile`,
    quote:
      'Stage 1: Build frontend ... Stage 2: Build backend ... Stage 3: Production (COPY --from=backend-builder ... COPY --from=frontend-builder /app/frontend/build ./public)',
    reading: 'one production image serves the backend and the built frontend, and passes the image contract',
    decide: { kind: 'contract', app: 'fullstack' },
  },
  {
    id: 'example-7-development',
    section: `${examples}: Example 7, Development vs Production Stages`,
    quote: 'docker build --target development -t myapp:dev .  (FROM base AS development ... CMD ["npm", "run", "dev"])',
    reading: 'the development target runs a dev server that picks up a source change',
    decide: { kind: 'checks', apps: 'every', checks: ['target-development'] },
  },
  {
    id: 'example-7-test',
    section: `${examples}: Example 7, Development vs Production Stages`,
    quote: '# Build for testing\ndocker build --target build -t myapp:test .  (FROM base AS build ... RUN npm test)',
    reading: 'a target that runs the tests, so a failing test fails that build',
    decide: { kind: 'checks', apps: 'every', checks: ['target-test'] },
  },
  {
    id: 'example-7-production',
    section: `${examples}: Example 7, Development vs Production Stages`,
    quote: '# Build for production (default)\ndocker build -t myapp:prod .',
    reading: "the production image is the Dockerfile's last stage, built without --target, and meets the image contract",
    decide: { kind: 'checks', apps: 'every', checks: ['size', 'nothing-of-the-build'] },
  },
  {
    id: 'example-8-external-images',
    section: `${examples}: Example 8, Using External Images in Stages`,
    quote: 'COPY --from=terraform /bin/terraform /usr/local/bin/ ... # Now you have both terraform and kubectl',
    reading: 'tools copied out of other images run in the final image, with nothing else of those images',
    decide: { kind: 'contract', app: 'toolbox' },
  },
  {
    id: 'build-args-frontend',
    section: `${examples}: Advanced: Named Build Arguments`,
    quote: 'ARG BUILD_ENV=production\nARG API_URL\nENV REACT_APP_ENV=${BUILD_ENV}\nENV REACT_APP_API_URL=${API_URL}',
    reading: 'the API_URL given with --build-arg reaches the built bundle (two values, two bundles)',
    decide: { kind: 'checks', apps: ['react-spa'], checks: ['build-arg'] },
  },
  {
    id: 'build-args-version-label',
    section: `${examples}: Advanced: Named Build Arguments`,
    quote: 'ARG VERSION=unknown\nLABEL version=${VERSION}  (docker build --build-arg VERSION=1.2.3 ...)',
    reading: 'the VERSION build arg labels the production image',
    decide: { kind: 'checks', apps: 'every', checks: ['labels'] },
  },

  {
    id: 'build-args-credentials',
    advice: true,
    section: `${examples}: Advanced: Named Build Arguments (and Introduction: "more secure")`,
    quote:
      'docker build \\\n  --build-arg BUILD_ENV=production \\\n  --build-arg API_URL=https://api.example.com \\\n  --build-arg VERSION=1.2.3 ...  (Goal: "production-ready images that are smaller, faster, and more secure")',
    reading: 'build args, the only way the tutorial passes a value into a build, suit every value a production build needs, a registry token included',
    decide: {
      kind: 'checks',
      apps: ['node-api'],
      checks: ['build-arg-leak', 'build-secret'],
      refutes:
        "a registry token passed as a build arg (as the tutorial passes API_URL and VERSION) shows in the image's history, for anyone who pulls the image; the tutorial never names build secrets (RUN --mount=type=secret, docker buildx build --secret), which node-api's build reads and which show nowhere",
    },
  },

  // ---- Multi-Stage Concepts (5. Key Topics) --------------------------------------------------------
  {
    id: 'stages-discarded',
    section: 'Multi-Stage Concepts: 1. Multiple FROM Statements',
    quote: 'Each FROM starts a new stage ... Previous stages are discarded',
    reading:
      'nothing of a build stage reaches the production image unless it is copied: neither its compilers, package managers and sources nor a build secret a build stage read',
    decide: { kind: 'checks', apps: 'every', checks: ['nothing-of-the-build', 'build-secret'] },
  },

  // ---- Debugging Multi-Stage Builds (8. Additional Helpful Sections) -------------------------------
  {
    id: 'stage-naming-by-number',
    section: 'Key Concepts: 3. Stage Naming (and Best Practices: 2. Name Your Stages)',
    quote: '- Reference by name, not number\n# ❌ Avoid - unnamed stages\nFROM node:18\nFROM node:18-slim',
    reading: 'a stage can be referenced by its number (`COPY --from=0`) as well as by its name, with the same result; names are for the reader',
    decide: { kind: 'checks', apps: ['go-api'], checks: ['stage-by-number'] },
  },
  {
    id: 'stages-discarded-cache',
    section: 'Key Concepts: 1. Multiple FROM Statements',
    quote: '- Previous stages are discarded',
    reading: 'discarded from the final image, but kept in the build cache (which is what makes the next build fast)',
    decide: {
      kind: 'not-measured',
      why: "the image half is stages-discarded; the cache half needs a build cache of the build's own: this engine's is shared by every build on the machine (33.3 GB reclaimable by `docker buildx du`), so one build's records cannot be told apart. It would be decided on a buildx builder made for the run (docker-container driver), whose `docker buildx du --builder` lists only the records of the build it ran",
    },
  },
  {
    id: 'stage-order-tests-run',
    section: 'Best Practices: 1. Order Stages Logically (and "Run tests before creating production image", Common Pitfalls)',
    quote: '# ✅ Good order\nFROM base AS dependencies\nFROM dependencies AS build\nFROM dependencies AS test\nFROM alpine AS production',
    reading: 'in this order a build of the production image runs the test stage first, so the tests gate the image',
    decide: {
      kind: 'checks',
      apps: 'every',
      checks: ['test-off-production-path'],
      refutes:
        "BuildKit builds only the stages the target needs: `docker build` of each app's production image ran none of its test stage's steps. A test stage that production does not read from runs on `--target test` alone, so the tests gate the image only as a step of their own before it (the lab's CI) or when the production stage copies from the test stage",
    },
  },
  {
    id: 'debug-target-stage',
    section: 'Debugging Multi-Stage Builds',
    quote: '# Build and stop at specific stage\ndocker build --target builder -t myapp:builder .\n# Inspect builder stage\ndocker run -it myapp:builder sh',
    reading: 'an intermediate stage built alone with --target is an image of its own that runs (the development and test stages, built and run by --target)',
    decide: { kind: 'checks', apps: 'every', checks: ['target-development', 'target-test'] },
  },

  // ---- Best practices and pitfalls (7. Things to Consider) ---------------------------------------
  {
    id: 'copy-only-whats-needed',
    section: 'Best Practices: 4. Copy Only What\'s Needed (and Multi-Stage Concepts: "Previous stages are discarded")',
    quote: 'COPY --from=builder /app/dist ./dist ... ❌ Avoid - everything: COPY --from=builder /app .',
    reading: 'no compiler, package manager, dev dependency, source or test reaches the production image',
    decide: { kind: 'checks', apps: 'every', checks: ['nothing-of-the-build'] },
  },
  {
    id: 'minimal-base',
    section: 'Best Practices: 3. Use Minimal Base Images (and Common Pitfalls, the Summary)',
    quote: '✅ Good - minimal\nFROM node:18-alpine\nFROM python:3.11-slim\n\n❌ Avoid - full images\nFROM node:18  # Too large',
    reading:
      "a slim variant of a base image is much smaller than the full one (decided on the base images the lab has, today's node:24 and python:3.13 with their slim variants; the alpine tags need a registry)",
    decide: {
      kind: 'base-sizes',
      pairs: [
        { full: 'node:24', minimal: 'node:24-slim' },
        { full: 'python:3.13-trixie', minimal: 'python:3.13-slim-trixie' },
      ],
    },
  },
  {
    id: 'npm-only-production',
    section: 'Common Pitfalls: Installing dev dependencies in production (and Example 1, the Real-World Example)',
    quote: '✅ Use `npm ci --only=production`',
    reading: 'npm accepts --only=production and leaves the dev dependencies out',
    decide: { kind: 'tip', app: 'node-api', tip: 'npm ci --only=production' },
  },
  {
    id: 'example-1-npm-install-only-production',
    section: `${examples}: Example 1, Simple Node.js App (multi-stage)`,
    quote: 'RUN npm install --only=production  # Only production dependencies',
    reading: 'npm accepts --only=production and leaves the dev dependencies out',
    decide: { kind: 'tip', app: 'node-api', tip: 'npm install --only=production' },
  },
  {
    id: 'pip-no-dev',
    section: 'Common Pitfalls: Installing dev dependencies in production',
    quote: '✅ Use `npm ci --only=production` or `pip install --no-dev`',
    reading: 'pip has a --no-dev option that leaves dev dependencies out',
    decide: { kind: 'tip', app: 'python-api', tip: 'pip install --no-dev' },
  },

  // ---- Build Cache Optimization (8. Additional Helpful Sections) ---------------------------------
  {
    id: 'cache-order',
    section: 'Build Cache Optimization: "Optimized for cache"',
    quote: '# These change rarely - cached\nCOPY package*.json ./\nRUN npm install\n# These change often - rebuilt\nCOPY src ./src\nRUN npm run build',
    reading: 'after a one-line source change, the dependency steps come from cache and the edited steps run again',
    decide: { kind: 'checks', apps: 'every', checks: ['cache'] },
  },
  {
    id: 'cache-poor-order',
    section: 'Build Cache Optimization: "Poor cache usage"',
    quote: '# ❌ Poor cache usage\nCOPY . .  # Everything copied at once\nRUN npm install && npm run build',
    reading: 'with the sources copied before the install, a one-line source change runs the install again (dockerfiles/node-api/poor-cache-order.Dockerfile)',
    decide: { kind: 'checks', apps: ['node-api'], checks: ['cache-poor-order'] },
  },

  // ---- Real-World Complete Example -----------------------------------------------------------------
  {
    id: 'npm-cache-clean',
    section: 'Real-World Complete Example: Stage 1, Dependencies',
    quote: 'RUN npm ci --only=production && \\\n    npm cache clean --force',
    reading: "`npm cache clean --force` runs (and empties npm's cache, so the layer does not keep it)",
    decide: { kind: 'tip', app: 'node-api', tip: 'npm cache clean --force' },
  },
  {
    id: 'node-env-production',
    section: 'Real-World Complete Example: Stage 3, Production',
    quote: 'ENV NODE_ENV=production',
    decide: { kind: 'image-env', app: 'node-api', name: 'NODE_ENV', value: 'production' },
  },
  {
    id: 'non-root',
    section: 'Real-World Complete Example: Stage 3, Production',
    quote: '# Create non-root user\nRUN addgroup -g 1001 -S nodejs && adduser -S nodejs -u 1001 ... USER nodejs',
    reading: 'the production image runs its process as a user other than root',
    decide: { kind: 'checks', apps: 'every', checks: ['non-root'] },
  },
  {
    id: 'chown',
    advice: true,
    section: 'Real-World Complete Example: Stage 3, Production',
    quote: 'COPY --from=dependencies --chown=nodejs:nodejs /app/node_modules ./node_modules\nCOPY --from=build --chown=nodejs:nodejs /app/dist ./dist',
    reading: "the non-root user must own the app's files (--chown) for the app to run",
    decide: {
      kind: 'file-owners',
      app: 'node-api',
      checks: ['non-root', 'hardening'],
      refutes: 'its user needs to read its files, not own them, and a process that owns its code can rewrite it',
    },
  },
  {
    id: 'healthcheck-parameters',
    section: 'Real-World Complete Example: HEALTHCHECK',
    quote:
      "HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \\\n  CMD node -e \"require('http').get('http://localhost:3000/health', ...)\"",
    reading:
      "a HEALTHCHECK that probes the app with its own runtime (no curl or wget), with these timings, reports it healthy (node-api's image run with them: the first probe waits one 30 s interval)",
    decide: { kind: 'checks', apps: ['node-api'], checks: ['healthcheck-config', 'healthcheck-tutorial-timing'] },
  },
  {
    id: 'exec-form-cmd',
    section: "Real-World Complete Example (and every example's CMD)",
    quote: 'CMD ["node", "dist/server.js"]',
    reading: 'an exec-form start command: the app is PID 1, gets SIGTERM from `docker stop`, and exits in time',
    decide: { kind: 'checks', apps: 'every', checks: ['exec-form', 'signals'] },
  },

  // ---- Docker Compose with Multi-Stage --------------------------------------------------------------
  {
    id: 'exec-form-no-handler',
    section: "Real-World Complete Example (and every example's CMD)",
    quote: 'CMD ["node", "dist/server.js"]',
    reading:
      "the exec form is all `docker stop` needs: a server started so (with no SIGTERM handler of its own, as the tutorial's examples show none) stops when it is sent SIGTERM",
    decide: {
      kind: 'checks',
      apps: ['node-api'],
      checks: ['plain-server-stop'],
      refutes:
        "as PID 1 a process gets no default action for SIGTERM: a Node server without a handler is killed when `docker stop`'s grace period runs out, and stops at once only with `--init` (or `init: true` in Compose) or a handler of its own (node-api has one)",
    },
  },
  {
    id: 'compose-targets',
    section: 'Docker Compose with Multi-Stage',
    quote: 'app-dev: build: { target: development } ... app-prod: build: { target: production } ... deploy: resources: limits: cpus: "0.5", memory: 512M',
    reading: 'Compose builds each service from its target and runs it, with the resource limits applied',
    decide: { kind: 'checks', apps: 'every', checks: ['compose'] },
  },

  // ---- Why Multi-Stage Builds? and the Summary ---------------------------------------------------
  {
    id: 'fewer-packages',
    section: 'Why Multi-Stage Builds?: 2. Security',
    quote: 'Security: Fewer packages = smaller attack surface',
    reading: 'the multi-stage image has fewer OS packages than the single-stage one',
    decide: { kind: 'fewer-os-packages' },
  },
  {
    id: 'faster-deployments',
    section: 'Why Multi-Stage Builds?: 4. Faster Deployments',
    quote: 'Faster Deployments: Smaller images download faster',
    reading: "the multi-stage image is smaller to download (its layers gzip'd, as a registry serves them)",
    decide: { kind: 'smaller-download' },
  },
  {
    id: 'summary-reduction',
    section: 'Summary',
    quote: 'This approach results in smaller images (often 80-90% size reduction)',
    figure: '80-90%',
    reading: "most of the tutorial's apps come out at least 80% smaller",
    decide: {
      kind: 'typical-reduction',
      apps: ['node-api', 'react-spa', 'go-api', 'python-api', 'java-api', 'fullstack', 'toolbox'],
      fromPercent: 80,
      toPercent: 90,
    },
  },

  // ---- Claims read since the first forty (a sentence-by-sentence reading: docs/tutorial-claims.md) ----
  {
    id: 'why-smaller-no-build-dependencies',
    section: 'Why Multi-Stage Builds?: 1. Smaller Images',
    quote: "Smaller Images: Don't include build dependencies in final image",
    reading: 'no compiler, package manager or dev dependency is in the production image, and it is smaller than the single-stage one',
    decide: { kind: 'checks', apps: 'every', checks: ['nothing-of-the-build', 'reduction'] },
  },
  {
    id: 'why-clean-separation',
    section: 'Why Multi-Stage Builds?: 3. Clean Separation',
    quote: 'Clean Separation: Build tools separate from runtime',
    reading: 'the build tools stay in the build stages: none is in the production image',
    decide: { kind: 'checks', apps: 'every', checks: ['nothing-of-the-build'] },
  },
  {
    id: 'why-cost-savings',
    section: 'Why Multi-Stage Builds?: 5. Cost Savings',
    quote: 'Cost Savings: Less storage and bandwidth',
    reading: "the multi-stage image takes less storage (its bytes on disk) and less bandwidth (its gzip'd layers, as a registry sends them)",
    decide: { kind: 'smaller-stored' },
  },
  {
    id: 'graphic-multi-contents',
    section: 'Visual Representation: Image Size Comparison',
    quote: 'Multi-Stage Build 150 MB (Node.js Slim, Built Files, Prod Dependencies)',
    reading:
      "the multi-stage image holds the runtime, the built files and the production dependencies and nothing else (node-api's allow-list: its base's files, what the catalogue names, and in node_modules exactly the lockfile's production closure)",
    decide: { kind: 'checks', apps: ['node-api'], checks: ['allow-list'] },
  },
  {
    id: 'flow-production-stage',
    section: 'Visual Representation: Multi-Stage Build Flow',
    quote: 'PRODUCTION Stage: Minimal runtime environment (Minimal base image, Runtime deps only, Built artifacts only, No build tools)',
    reading: 'the production stage holds only what the allow-list names (base, runtime dependencies, built artifacts) and no build tool',
    decide: { kind: 'checks', apps: 'every', checks: ['allow-list', 'nothing-of-the-build'] },
  },
  {
    id: 'concepts-stages-named',
    section: 'Multi-Stage Concepts: 1. Multiple FROM Statements and 3. Stage Naming',
    quote: '- Stages can be named ... - Name stages for clarity',
    reading: 'a stage named with `AS name` is built by its name (`--target name`): the lab builds its test and development stages so',
    decide: { kind: 'checks', apps: 'every', checks: ['target-test'] },
  },
  {
    id: 'exposed-port-served',
    section: `${examples}: every example's EXPOSE (3000, 80, 8080, 5000)`,
    quote: 'EXPOSE 3000',
    reading: 'EXPOSE names the port the app serves on (and no other: `docker run -P` publishes every exposed port)',
    decide: { kind: 'checks', apps: 'every', checks: ['exposes'] },
  },
  {
    id: 'example-1-npm-install-all',
    section: `${examples}: Example 1, Simple Node.js App`,
    quote: 'RUN npm install  # Installs ALL dependencies',
    reading: '`npm install` with no option installs the devDependencies too',
    decide: { kind: 'tip', app: 'node-api', tip: 'npm install' },
  },
  {
    id: 'example-1-compare-sizes',
    section: `${examples}: Example 1, Simple Node.js App`,
    quote: '# Build\ndocker build -t myapp:multistage .\n\n# Compare sizes\ndocker images myapp',
    reading: '`docker images myapp` after these commands lists the single-stage and the multi-stage image side by side',
    decide: {
      kind: 'recipe',
      recipes: [{ section: 'Example 1: Simple Node.js App', kind: 'image-command', contains: 'docker images myapp' }],
      expect: 'compares-images',
    },
  },
  {
    id: 'example-1-tests-gate-production',
    section: `${examples}: Example 1, Simple Node.js App (multi-stage)`,
    quote: 'RUN npm test  # Run tests during build',
    reading:
      "a build of Example 1's production stage runs the builder's `npm test` (the production stage copies from the builder), so a failing test stops the image",
    decide: {
      kind: 'recipe',
      recipes: [{ section: 'Example 1: Simple Node.js App', kind: 'dockerfile', contains: 'AS builder' }],
      expect: 'tests-gate-production',
    },
  },
  {
    id: 'example-2-as-written',
    section: `${examples}: Example 2, React Application`,
    quote: '# Copy custom nginx config (optional)\nCOPY nginx.conf /etc/nginx/conf.d/default.conf',
    reading:
      'Example 2 builds as written around a React app with no nginx.conf of its own (the comment calls it optional; a COPY of a missing file fails the build, which is what the recipe run will quote where its bases can be had)',
    decide: { kind: 'recipe', recipes: [{ section: 'Example 2: React Application', kind: 'dockerfile' }], expect: 'works' },
  },
  {
    id: 'example-3-static-binary',
    section: `${examples}: Example 3, Go Application`,
    quote: 'RUN CGO_ENABLED=0 GOOS=linux go build -a -installsuffix cgo -o main .',
    reading: "`CGO_ENABLED=0` makes a binary that needs no C library: go-api's runs and serves on an image with none (scratch)",
    decide: { kind: 'checks', apps: ['go-api'], checks: ['healthy', 'nothing-of-the-build'] },
  },
  {
    id: 'example-4-build-dependencies',
    section: `${examples}: Example 4, Python Application`,
    quote: '# Install build dependencies\nRUN apt-get update && apt-get install -y \\\n    gcc \\\n    g++ \\',
    reading: 'the full python image lacks a C compiler, so the builder must install gcc and g++ to build compiled dependencies',
    decide: { kind: 'tip', app: 'python-api', tip: 'apt-get install -y gcc g++' },
  },
  {
    id: 'example-4-compiled-in-builder',
    section: `${examples}: Example 4, Python Application`,
    quote: '# Copy installed packages from builder\nCOPY --from=builder /root/.local /root/.local',
    reading:
      "packages compiled in the builder run in the production image without its compiler (python-api's msgspec, built from source by gcc in the build stage)",
    decide: { kind: 'checks', apps: ['python-api'], checks: ['healthy', 'nothing-of-the-build'] },
  },
  {
    id: 'example-6-dev-dependencies',
    section: `${examples}: Example 6, Multiple Builds in One Dockerfile (against Common Pitfalls)`,
    quote: 'COPY backend/package*.json ./\nRUN npm ci ... COPY --from=backend-builder /app/backend/node_modules ./node_modules',
    reading:
      'the backend\'s node_modules, installed by a full `npm ci` and copied whole, brings no dev dependency into production (the pitfall "Installing dev dependencies in production")',
    decide: { kind: 'dev-dependencies', app: 'fullstack' },
  },
  {
    id: 'example-6-as-written',
    section: `${examples}: Example 6, Multiple Builds in One Dockerfile`,
    quote: 'FROM node:18-alpine AS frontend-builder ... FROM node:18-alpine AS backend-builder ... FROM node:18-alpine',
    reading: 'Example 6 builds as written around a frontend and a backend app',
    decide: { kind: 'recipe', recipes: [{ section: 'Example 6: Multiple Builds in One Dockerfile', kind: 'dockerfile' }], expect: 'works' },
  },
  {
    id: 'example-7-tests-gate-production',
    section: `${examples}: Example 7, Development vs Production Stages`,
    quote: '# Production stage\nFROM base AS production\nRUN npm ci --only=production\nCOPY --from=build /app/dist ./dist',
    reading: "`docker build -t myapp:prod .` runs the build stage's `npm test` (production copies from it), so a failing test stops the production image",
    decide: { kind: 'recipe', recipes: [{ section: 'Example 7: Development vs Production Stages', kind: 'dockerfile' }], expect: 'tests-gate-production' },
  },
  {
    id: 'example-8-as-written',
    section: `${examples}: Example 8, Using External Images in Stages`,
    quote:
      'FROM hashicorp/terraform:latest AS terraform ... FROM bitnami/kubectl:latest AS kubectl ... COPY --from=kubectl /opt/bitnami/kubectl/bin/kubectl /usr/local/bin/',
    reading: "Example 8 builds as written: both images' tools are where it copies them from (a COPY --from of a missing path fails the build)",
    decide: { kind: 'recipe', recipes: [{ section: 'Example 8: Using External Images in Stages', kind: 'dockerfile' }], expect: 'works' },
  },
  {
    id: 'build-args-as-written',
    section: `${examples}: Advanced: Named Build Arguments`,
    quote:
      'docker build \\\n  --build-arg BUILD_ENV=production \\\n  --build-arg API_URL=https://api.example.com \\\n  --build-arg VERSION=1.2.3 \\\n  -t myapp:1.2.3 .',
    reading: "the build command builds the section's Dockerfile as written, with its three build args",
    decide: { kind: 'recipe', recipes: [{ section: 'Advanced: Named Build Arguments', kind: 'build-command' }], expect: 'works' },
  },
  {
    id: 'best-practices-comment-after-from',
    section: 'Best Practices: 3. Use Minimal Base Images',
    quote: 'FROM node:18  # Too large\nFROM python:3.11  # Too large',
    reading: 'a comment may follow an instruction on its line, as the block writes it',
    decide: { kind: 'recipe', recipes: [{ section: 'Best Practices:', kind: 'dockerfile', contains: '# Too large' }], expect: 'works' },
  },
  {
    id: 'debug-see-all-stages',
    section: 'Debugging Multi-Stage Builds',
    quote: '# See all stages\ndocker build --target=builder .\ndocker build --target=test .\ndocker build --target=production .',
    reading: 'each of these builds one stage of the Dockerfile above them',
    decide: {
      kind: 'recipe',
      recipes: [
        { section: 'Debugging Multi-Stage Builds', kind: 'build-command', contains: '--target=builder' },
        { section: 'Debugging Multi-Stage Builds', kind: 'build-command', contains: '--target=test' },
        { section: 'Debugging Multi-Stage Builds', kind: 'build-command', contains: '--target=production' },
      ],
      expect: 'works',
    },
  },
  {
    id: 'debug-progress-plain',
    section: 'Debugging Multi-Stage Builds',
    quote: '# View build output\ndocker build --progress=plain .',
    reading: "the build runs with every step's output shown",
    decide: { kind: 'recipe', recipes: [{ section: 'Debugging Multi-Stage Builds', kind: 'build-command', contains: '--progress=plain' }], expect: 'works' },
  },
  {
    id: 'cache-block-as-written',
    section: 'Build Cache Optimization',
    quote: 'COPY . .  # Everything copied at once\nRUN npm install && npm run build',
    reading:
      'the block builds as written; where its base can be had it fails at `COPY . .  # Everything copied at once`, whose `#` and words BuildKit reads as more sources (a one-off build of that line on scratch here: `lstat /var/lib/docker/tmp/buildkit-mount.../#: no such file or directory`)',
    decide: { kind: 'recipe', recipes: [{ section: 'Build Cache Optimization', kind: 'dockerfile' }], expect: 'works' },
  },
  {
    id: 'real-world-tests-gate-production',
    section: 'Real-World Complete Example: Stage 2, Build',
    quote: 'RUN npm run lint && \\\n    npm run test && \\\n    npm run build',
    reading: 'a build of the production stage runs the lint and the tests (it copies dist from the build stage), so either failing stops the image',
    decide: { kind: 'recipe', recipes: [{ section: 'Real-World Complete Example', kind: 'dockerfile' }], expect: 'tests-gate-production' },
  },
  {
    id: 'real-world-as-written',
    section: 'Real-World Complete Example',
    quote: 'RUN addgroup -g 1001 -S nodejs && \\\n    adduser -S nodejs -u 1001',
    reading: "the Real-World example builds as written (busybox's addgroup and adduser on node:18-alpine)",
    decide: { kind: 'recipe', recipes: [{ section: 'Real-World Complete Example', kind: 'dockerfile' }], expect: 'works' },
  },
  {
    id: 'compose-version-key',
    section: 'Docker Compose with Multi-Stage',
    quote: '# docker-compose.yml\nversion: "3.8"',
    reading: 'Compose reads the file as written, `version` key included, with nothing to say against it',
    decide: { kind: 'recipe', recipes: [{ section: 'Docker Compose with Multi-Stage', kind: 'compose-file' }], expect: 'no-warning' },
  },
  {
    id: 'analyzing-layers-myapp-latest',
    section: 'Analyzing Image Layers',
    quote: '# View layers\ndocker history myapp:latest\n\n# Detailed layer information\ndocker image inspect myapp:latest',
    reading: "after the tutorial's builds, `myapp:latest` is an image to look into",
    decide: {
      kind: 'recipe',
      recipes: [
        { section: 'Analyzing Image Layers', kind: 'image-command', contains: 'docker history myapp:latest' },
        { section: 'Analyzing Image Layers', kind: 'image-command', contains: 'docker image inspect myapp:latest' },
      ],
      expect: 'works',
    },
  },
  {
    id: 'example-3-as-written',
    section: `${examples}: Example 3, Go Application`,
    quote: 'FROM golang:1.21-alpine AS builder ... FROM alpine:latest ... CMD ["./main"]',
    reading: 'Example 3 builds as written around a Go app (go.mod, an empty go.sum, main.go)',
    decide: { kind: 'recipe', recipes: [{ section: 'Example 3: Go Application (Best Example!)', kind: 'dockerfile' }], expect: 'works' },
  },
  {
    id: 'recipes-stop-on-sigterm',
    section: `${examples}: Examples 1 and 4 as written (exec-form CMD, no signal handling shown)`,
    quote: 'CMD ["node", "dist/server.js"] ... CMD ["python", "app.py"]',
    reading:
      "a container of the tutorial's own image, its server started by the exec-form CMD with no handler of its own, stops when `docker stop` sends SIGTERM",
    decide: {
      kind: 'recipe',
      recipes: [
        { section: 'Example 1: Simple Node.js App', kind: 'dockerfile', contains: 'Installs ALL dependencies' },
        { section: 'Example 4: Python Application', kind: 'dockerfile' },
      ],
      expect: 'stops-on-sigterm',
    },
  },
  {
    id: 'example-5-as-written',
    section: `${examples}: Example 5, Java Spring Boot`,
    quote: 'FROM maven:3.8-openjdk-17 AS builder ... FROM eclipse-temurin:17-jre-alpine ... COPY --from=builder /app/target/*.jar app.jar',
    reading: 'Example 5 builds as written around a Maven project (its one jar matched by *.jar)',
    decide: { kind: 'recipe', recipes: [{ section: 'Example 5: Java Spring Boot', kind: 'dockerfile' }], expect: 'works' },
  },
  {
    id: 'example-7-as-written',
    section: `${examples}: Example 7, Development vs Production Stages`,
    quote: 'docker build --target development -t myapp:dev .\ndocker build -t myapp:prod .\ndocker build --target build -t myapp:test .',
    reading: "each of the three commands builds its stage of Example 7's Dockerfile as written",
    decide: { kind: 'recipe', recipes: [{ section: 'Example 7: Development vs Production Stages', kind: 'build-command' }], expect: 'works' },
  },
  {
    id: 'compose-services-as-written',
    section: 'Docker Compose with Multi-Stage',
    quote: 'app-dev:\n    build:\n      context: .\n      target: development ... app-prod:\n    build:\n      context: .\n      target: production',
    reading: "Compose builds each service at its target from the Dockerfile with those stages (Example 7's)",
    decide: { kind: 'recipe', recipes: [{ section: 'Docker Compose with Multi-Stage', kind: 'compose-service' }], expect: 'works' },
  },
  {
    id: 'summary-runtime-essentials',
    section: 'Summary',
    quote: 'The builder stage includes all development tools and dependencies, while the final stage contains only the runtime essentials.',
    reading: "the final stage holds only what the allow-list names: the base's files, the runtime dependencies and the built app",
    decide: { kind: 'checks', apps: 'every', checks: ['allow-list'] },
  },
  {
    id: 'summary-cache-order',
    section: 'Summary',
    quote: 'leverage build caching by copying dependency files before source code',
    reading: 'with the dependency files copied first, a source change leaves the dependency install to the cache',
    decide: { kind: 'checks', apps: 'every', checks: ['cache'] },
  },
];
