// What makes a fork a project of its own beside its Dockerfile, by the language its files say
// it is in: a LICENSE, a .gitignore for that language, the toolchain pinned where its tools look
// (package.json's packageManager, go.mod's go line, .python-version, .sdkmanrc for Maven), the
// way to run and test it without Docker and to add a dependency, and its endpoints, read from
// its sources. Pure: files in, files and text out.

export type Language = 'node' | 'go' | 'python' | 'java' | 'other';

/** The language of a fork, from the manifest at its root. */
export function languageOf(files: Iterable<string>): Language {
  const names = new Set(files);
  if (names.has('go.mod')) return 'go';
  if (names.has('pom.xml')) return 'java';
  if (names.has('pyproject.toml')) return 'python';
  if (names.has('package.json')) return 'node';
  return 'other';
}

const gitignores: Record<Language, string[]> = {
  node: ['node_modules/', 'dist/', 'coverage/', '*.tsbuildinfo'],
  go: ['# The binary `go build` writes here, and test output.', '/go-api', '*.test', '*.out', 'tmp/'],
  python: ['.venv/', '__pycache__/', '*.py[cod]', '.pytest_cache/', '.ruff_cache/', 'build/', 'dist/', '*.egg-info/'],
  java: ['target/', '.mvn/wrapper/maven-wrapper.jar', '*.class', '.idea/', '*.iml'],
  other: ['out/'],
};

/** A .gitignore for the language: its build output and caches, local env files, editor files. */
export function gitignoreFor(language: Language, binary?: string): string {
  const own = gitignores[language].map((line) => (line === '/go-api' ? `/${binary ?? 'app'}` : line));
  return [
    '# Build output, dependencies and caches: the .dockerignore keeps them out of images too.',
    ...own,
    '',
    '# Local settings and editor files.',
    '.env',
    '.env.*',
    '*.log',
    '.DS_Store',
    '.vscode/',
    '',
  ].join('\n');
}

/** The MIT licence, with the year and holder. */
export function mitLicense(year: number, holder: string): string {
  return `MIT License

Copyright (c) ${year} ${holder}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;
}

/** An ARG's default in a Dockerfile (`ARG PNPM_VERSION=11.28.11`). */
function argDefault(dockerfile: string, name: string): string | undefined {
  return new RegExp(`^ARG ${name}=(\\S+)`, 'm').exec(dockerfile)?.[1];
}

/** The version in the tag of the first FROM of an image (`python:3.13-slim` -> 3.13). */
function imageVersion(dockerfile: string, image: string): string | undefined {
  return new RegExp(`^FROM (?:\\S+/)?${image}:(\\d+(?:\\.\\d+)*)`, 'm').exec(dockerfile)?.[1];
}

export interface PinInput {
  language: Language;
  dockerfile: string;
  /** The fork's text files, path -> contents (package.json is edited in place). */
  files: Map<string, string>;
  /** Maven's exact version, where the build image's tag gives only 3.9. */
  mavenVersion?: string;
}

/**
 * The toolchain pinned as each language's tools read it, from the versions the Dockerfile
 * builds with: the files to add or replace, and a line for the README. Go's go.mod already
 * carries its `go` line (checked, not written).
 */
export function toolchainPin(input: PinInput): { files: Map<string, string>; says: string } {
  const out = new Map<string, string>();
  const { dockerfile, files } = input;
  switch (input.language) {
    case 'node': {
      const pnpm = argDefault(dockerfile, 'PNPM_VERSION');
      const node = imageVersion(dockerfile, 'node');
      const text = files.get('package.json');
      if (pnpm && text) {
        const manifest = JSON.parse(text) as Record<string, unknown>;
        if (!manifest.packageManager) {
          manifest.packageManager = `pnpm@${pnpm}`;
          out.set('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
        }
      }
      return {
        files: out,
        says: `Node ${node ?? '(see the Dockerfile)'} (\`engines\` in package.json) and pnpm ${pnpm ?? ''} (\`packageManager\`: \`corepack enable\` gives you that pnpm).`,
      };
    }
    case 'go': {
      const go = /^go (\S+)/m.exec(files.get('go.mod') ?? '')?.[1];
      return { files: out, says: `Go ${go ?? '(see go.mod)'} (the \`go\` line of go.mod; the image builds with \`GOTOOLCHAIN=local\`).` };
    }
    case 'python': {
      const python = imageVersion(dockerfile, 'python');
      if (python) out.set('.python-version', `${python}\n`);
      return {
        files: out,
        says: `Python ${python ?? '(see the Dockerfile)'} (\`.python-version\`, which uv and pyenv read) and the exact dependencies of \`uv.lock\`.`,
      };
    }
    case 'java': {
      const maven = input.mavenVersion ?? imageVersion(dockerfile, 'maven');
      const java = /<java\.version>(\d+)</.exec(files.get('pom.xml') ?? '')?.[1];
      if (maven) out.set('.sdkmanrc', `# sdk env install: the Maven the image builds with (SDKMAN reads this file).\nmaven=${maven}\n`);
      return {
        files: out,
        says: `Java ${java ?? '(see pom.xml)'} (\`java.version\` in pom.xml) and Maven ${maven ?? '(see the Dockerfile)'} (\`.sdkmanrc\`: \`sdk env install\`).`,
      };
    }
    default:
      return { files: out, says: 'Nothing to install: the Dockerfile holds every tool it builds with.' };
  }
}

/** Running, testing and adding a dependency without Docker, per language. */
export function localLoop(language: Language, port: number, mainPackage?: string): { run: string[]; test: string[]; add: string } {
  switch (language) {
    case 'node':
      return {
        run: ['pnpm install', 'pnpm dev'],
        test: ['pnpm test'],
        add: '`pnpm add NAME` (or `pnpm add -D NAME` for a tool only the build and tests need), then commit package.json and pnpm-lock.yaml: the image installs exactly the lockfile.',
      };
    case 'go':
      return {
        run: [`go run .`],
        test: ['go vet ./... && go test ./...'],
        add: '`go get MODULE@VERSION` and `go mod tidy`, then commit go.mod and go.sum: the image downloads exactly what go.sum lists.',
      };
    case 'python':
      return {
        run: ['uv sync', `uv run python -m ${mainPackage ?? 'app'}`],
        test: ['uv run pytest'],
        add: '`uv add NAME==VERSION` (or `uv add --dev` for a test tool), then commit pyproject.toml and uv.lock: the image installs exactly the lock.',
      };
    case 'java':
      return {
        run: ['mvn spring-boot:run'],
        test: ['mvn test'],
        add: 'a `<dependency>` in pom.xml (its version from the Spring Boot parent where it manages one), then `mvn verify`: the image resolves the same pom.xml.',
      };
    default:
      return { run: [`./build.sh out && busybox httpd -f -p ${port} -h out`], test: ['./run-tests.sh'], add: 'nothing to install: the site is plain files.' };
  }
}

export interface Endpoint {
  method: string;
  path: string;
}

/** Routes as each framework declares them (Express, Go 1.22 ServeMux, Starlette, Spring). */
const routePatterns: RegExp[] = [
  /\bapp\.(get|post|put|patch|delete)\(\s*'([^']+)'/g,
  /HandleFunc\("(GET|POST|PUT|PATCH|DELETE) ([^"]+)"/g,
  /Route\("([^"]+)",[^)]*methods=\["(\w+)"/g,
  /@(Get|Post|Put|Patch|Delete)Mapping\((?:path\s*=\s*|value\s*=\s*)?"([^"]+)"/g,
];

/** The HTTP endpoints a fork's sources declare, and the health and version paths it serves. */
export function endpointsOf(files: Map<string, string>, known: string[] = []): Endpoint[] {
  const found = new Map<string, Endpoint>();
  const add = (method: string, route: string) => {
    const clean = route.replace(/\{\$\}$/, '');
    found.set(`${method.toUpperCase()} ${clean}`, { method: method.toUpperCase(), path: clean });
  };
  for (const [file, text] of files) {
    if (/(^|\/)(test|tests)\/|_test\.go$|\.test\.|Test\.java$/.test(file)) continue;
    for (const pattern of routePatterns) {
      for (const match of text.matchAll(pattern)) {
        // Starlette names the path first, the others the method.
        if (pattern.source.startsWith('Route')) add(match[2]!, match[1]!);
        else add(match[1]!, match[2]!);
      }
    }
  }
  for (const route of known) if (![...found.values()].some((e) => e.path === route)) add('GET', route);
  return [...found.values()];
}
