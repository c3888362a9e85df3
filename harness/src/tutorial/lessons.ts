// The report as teaching material: for each example of the tutorial, which of its recipes (the
// code blocks recipes/ runs as written), which of its claims (claims.ts, by id), which of the
// lab's apps does the same job, and the one sentence a learner needs to read the two results
// side by side. Data only: report/lessons-model.ts puts it together with a run's results, and
// the renderers show it.

export interface Lesson {
  /** Stable id: the report and its tests name lessons by it. */
  id: string;
  /** The tutorial's heading its recipes sit under, as recipes/ names it ("Example 1: Simple Node.js App"). */
  section: string;
  /** What the report calls it, where the heading alone does not say (a numbered point under a heading). */
  title?: string;
  /** Only these of the section's blocks ("block 3 of 4"), where the section holds other lessons' blocks too. */
  blocks?: string[];
  /** What the tutorial says the example gives, in short (its claims, below, quote its words). */
  says: string;
  /** The tutorial's claims this example makes (claims.ts ids), each shown with its verdict. */
  claims: string[];
  /** The lab's app that does the example's job, and the checks of it that answer the example's point. */
  lab: { app: string; checks: string[] };
  /** Why the tutorial's result and the lab's differ by construction (bases, runtime image, user): true whether or not the tutorial's recipe was built here. */
  differs: string;
  /** Where the tutorial's recipe fails as written: what a learner must change, in words (the engine's own error is shown beside it). */
  failsBecause?: string;
}

export const lessons: Lesson[] = [
  {
    id: 'example-1',
    section: 'Example 1: Simple Node.js App',
    says: 'A Node.js app goes from ~1.1 GB on node:18 to ~150 MB on node:18-alpine (87% smaller), with its tests run during the build.',
    claims: [
      'example-1-single',
      'example-1-multi',
      'example-1-arithmetic',
      'example-1-npm-install-all',
      'example-1-npm-install-only-production',
      'example-1-tests-in-build',
      'example-1-tests-gate-production',
      'example-1-compare-sizes',
    ],
    lab: { app: 'node-api', checks: ['size', 'reduction', 'target-test'] },
    differs:
      "The tutorial's before stands on node:18 and its after on node:18-alpine; the lab's before stands on today's node:24, a bigger base (so a bigger before that says nothing about the recipe), and its after on a distroless image with only the node binary, no shell and no npm.",
  },
  {
    id: 'example-2',
    section: 'Example 2: React Application',
    says: 'A React build served by nginx:alpine is ~25 MB, against 300+ MB for a single stage.',
    claims: ['example-2-multi', 'example-2-vs-table', 'example-2-as-written'],
    lab: { app: 'react-spa', checks: ['size', 'non-root'] },
    differs:
      "Both serve only the built files, but the tutorial's server is nginx:alpine, as root on port 80, while the lab's is one static-web-server binary on scratch as uid 65532 on port 8080: the afters differ by the server that carries the files, not by the build stage.",
  },
  {
    id: 'example-3',
    section: 'Example 3: Go Application (Best Example!)',
    says: 'A static Go binary on alpine:latest is ~15 MB, against 800+ MB with the golang image.',
    claims: [
      'example-3-sizes',
      'example-3-static-binary',
      'example-3-ca-certificates',
      'example-3-installsuffix',
      'example-3-apk-ca-certificates',
      'example-3-as-written',
    ],
    lab: { app: 'go-api', checks: ['size', 'tls'] },
    differs:
      "The tutorial's after is alpine:latest plus a CA bundle from apk, run as root from /root; the lab's is scratch with the binary and a CA bundle alone, as uid 65532, so it is smaller than ~15 MB by what alpine itself weighs.",
  },
  {
    id: 'example-4',
    section: 'Example 4: Python Application',
    says: 'A Python app with compiled dependencies goes from ~900 MB to ~180 MB by installing them in python:3.11 and copying them into python:3.11-slim.',
    claims: ['example-4-sizes', 'example-4-build-dependencies', 'example-4-compiled-in-builder'],
    lab: { app: 'python-api', checks: ['size', 'non-root'] },
    differs:
      "The tutorial copies pip's --user packages (/root/.local) into python:3.11-slim and runs as root; the lab stands on today's python:3.13 and copies a virtual environment with only the Python runtime onto a distroless base as uid 65532, so its after keeps no Debian userland and its before grew with python:3.13.",
  },
  {
    id: 'example-5',
    section: 'Example 5: Java Spring Boot',
    says: 'A Spring Boot jar on a JRE (eclipse-temurin:17-jre-alpine) is ~280 MB, against 700+ MB with the full JDK.',
    claims: ['example-5-sizes', 'example-5-as-written'],
    lab: { app: 'java-api', checks: ['size', 'non-root'] },
    differs:
      'The tutorial builds with maven:3.8 on Java 17 and runs on a stock JRE on alpine; the lab builds with maven 3.9 on Java 25 and runs on a runtime jlink cut to the modules the app uses, on a distroless base, so its before grew with the newer JDK and its after holds only the Java modules the app uses, where a stock JRE holds them all.',
  },
  {
    id: 'example-6',
    section: 'Example 6: Multiple Builds in One Dockerfile',
    says: 'One Dockerfile builds a frontend and a backend in their own stages and ships both in one production image.',
    claims: ['example-6-two-builds', 'example-6-dev-dependencies', 'example-6-as-written'],
    lab: { app: 'fullstack', checks: ['size', 'nothing-of-the-build'] },
    differs:
      "Both build the two parts in stages of their own; the tutorial's production image copies the backend's node_modules from a full npm ci (its dev dependencies included) onto node:18-alpine, while the lab's copies production dependencies only onto a distroless base.",
  },
  {
    id: 'example-7',
    section: 'Example 7: Development vs Production Stages',
    says: 'One Dockerfile gives a development image, a test build and the production image, chosen with --target.',
    claims: ['example-7-development', 'example-7-test', 'example-7-production', 'example-7-tests-gate-production', 'example-7-as-written'],
    lab: { app: 'node-api', checks: ['target-development', 'target-test', 'size'] },
    differs:
      "Both choose the image with --target; the tutorial's test runs inside its build stage, which the production stage copies from, while the lab's test stage is a target of its own that a failing test fails, and its development target reloads on a source change.",
  },
  {
    id: 'example-8',
    section: 'Example 8: Using External Images in Stages',
    says: 'Tools copied out of other images (terraform, kubectl) run in the final image, with nothing else of those images.',
    claims: ['example-8-external-images', 'example-8-as-written'],
    lab: { app: 'toolbox', checks: ['size', 'nothing-of-the-build'] },
    differs:
      "The tutorial copies terraform and kubectl out of registry images onto alpine:latest, which this machine cannot pull; the lab copies tools out of images it has (gofmt from the Go image, node from the Node image, Debian's static busybox, its own go-api) onto a distroless base with no package manager.",
  },
  {
    id: 'minimal-base',
    section: 'Best Practices:',
    title: 'Best Practices: 3. Use Minimal Base Images',
    blocks: ['block 3 of 4'],
    says: 'Use minimal bases (node:18-alpine, python:3.11-slim), not the full images (node:18, python:3.11).',
    claims: ['minimal-base', 'best-practices-comment-after-from'],
    lab: { app: 'node-api', checks: ['size'] },
    differs:
      "The tutorial's block lists bases to choose between, not a Dockerfile to build; the lab's production images stand on distroless or scratch, smaller than either alpine or slim because they hold no shell and no package manager.",
    failsBecause:
      'A Dockerfile comment must be a line of its own: `FROM node:18  # Too large` hands FROM four words, so the build stops at that line before it reaches any base image.',
  },
  {
    id: 'debugging',
    section: 'Debugging Multi-Stage Builds',
    says: 'Build and stop at a stage with --target (builder, test, production) and run it to look inside.',
    claims: ['debug-target-stage', 'debug-see-all-stages', 'debug-progress-plain'],
    lab: { app: 'node-api', checks: ['target-development', 'target-test'] },
    differs:
      "Both stop at a stage with --target; the lab's Dockerfiles name every stage they are asked for (development, test, production), so each target it builds exists.",
    failsBecause:
      '`--target` must name a stage of the Dockerfile it builds: the only Dockerfile beside these commands names a builder stage and no test or production stage, so those two builds stop before they start.',
  },
];
