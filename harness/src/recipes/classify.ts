// The tutorial's recipes, read from its code blocks: every Dockerfile block, the Compose file
// (and each of its services), and every command of its shell blocks. A command that builds is
// paired with the Dockerfile a reader just wrote (the nearest one above it); a Compose service
// with the nearest Dockerfile above it that has the stage it targets (list illustrations are
// never paired). Blocks in no language the lab runs (the plan, the HTML figures) are not recipes.
import { parse as parseYaml } from 'yaml';
import type { CodeBlock } from './code-blocks.ts';
import { commandLines, dockerWords, parseDockerBuild, type DockerBuild } from './commands.ts';
import type { RecipeKind, RecipeSource } from './types.ts';

export interface ClassifiedRecipe {
  id: string;
  kind: RecipeKind;
  source: RecipeSource;
  text: string;
  /** For a build command or a Compose service: the id of the Dockerfile recipe it builds. */
  dockerfileId?: string;
  /** For a build command: what it asks for. */
  build?: DockerBuild;
  /** For a Compose service: its target. */
  target?: string;
  /** For a command that reads an image: the engine call and the image it names. */
  imageCommand?: { verb: 'history' | 'image inspect' | 'images'; ref?: string; /** `| grep WORD` after it: only lines with WORD. */ grep?: string };
}

const dockerfileLangs = new Set(['dockerfile', 'docker']);
const shellLangs = new Set(['bash', 'sh', 'shell', 'console']);
const yamlLangs = new Set(['yaml', 'yml']);

/** The innermost heading: the example or section a reader knows the block by. */
function sectionOf(block: CodeBlock): string {
  return block.headings.at(-1) ?? '(before any heading)';
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

/** The stage names a Dockerfile declares (`FROM x AS name`), lower-cased as BuildKit matches them. */
export function declaredStages(dockerfile: string): string[] {
  return [...dockerfile.matchAll(/^\s*FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => (m[1] ?? '').toLowerCase());
}

function imageCommandOf(words: string[]): ClassifiedRecipe['imageCommand'] | undefined {
  if (words[0] === 'history') return { verb: 'history', ...(words[1] ? { ref: words[1] } : {}) };
  if (words[0] === 'image' && words[1] === 'inspect') return { verb: 'image inspect', ...(words[2] ? { ref: words[2] } : {}) };
  if (words[0] === 'images') return { verb: 'images', ...(words[1] ? { ref: words[1] } : {}) };
  return undefined;
}

export function classifyBlocks(blocks: CodeBlock[]): ClassifiedRecipe[] {
  const recipes: ClassifiedRecipe[] = [];
  const dockerfiles: ClassifiedRecipe[] = [];
  const perSection = new Map<string, number>();
  const sectionCount = (section: string) => blocks.filter((b) => sectionOf(b) === section && isRecipeBlock(b)).length;
  for (const block of blocks) {
    if (!isRecipeBlock(block)) continue;
    const section = sectionOf(block);
    const n = (perSection.get(section) ?? 0) + 1;
    perSection.set(section, n);
    const where = `block ${n} of ${sectionCount(section)}`;
    const base = `${slug(section)}-${n}`;
    if (dockerfileLangs.has(block.lang)) {
      const recipe: ClassifiedRecipe = { id: base, kind: 'dockerfile', source: { section, where }, text: block.text };
      recipes.push(recipe);
      // A list's illustrations (good and bad lines side by side) are built too, but a command
      // or a Compose file below them means the example's file, not a fragment.
      if (!block.inList) dockerfiles.push(recipe);
    } else if (shellLangs.has(block.lang)) {
      for (const command of commandLines(block.text)) {
        const source = { section, where: `${where}, line ${command.line}` };
        const id = `${base}-line-${command.line}`;
        const build = parseDockerBuild(command.text);
        const words = dockerWords(command.text);
        const paired = dockerfiles.at(-1);
        if (build) recipes.push({ id, kind: 'build-command', source, text: command.text, build, ...(paired ? { dockerfileId: paired.id } : {}) });
        else if (words && (words.includes('-it') || words.includes('-i'))) recipes.push({ id, kind: 'interactive-command', source, text: command.text });
        else {
          // `docker images | grep myapp` is a pipe: the engine part is `docker images`.
          const engineWords = dockerWords(command.text.split('|')[0] ?? '') ?? [];
          const grep = /\|\s*grep\s+(\S+)/.exec(command.text)?.[1];
          const found = imageCommandOf(engineWords);
          const imageCommand = found && grep ? { ...found, grep } : found;
          if (imageCommand) recipes.push({ id, kind: 'image-command', source, text: command.text, imageCommand });
        }
      }
    } else if (yamlLangs.has(block.lang)) {
      recipes.push({ id: base, kind: 'compose-file', source: { section, where }, text: block.text });
      const services = composeServices(block.text);
      for (const [name, service] of Object.entries(services)) {
        const target = typeof service?.build === 'object' ? service.build.target : undefined;
        const paired = [...dockerfiles].reverse().find((d) => !target || declaredStages(d.text).includes(target.toLowerCase())) ?? dockerfiles.at(-1);
        recipes.push({
          id: `${base}-${slug(name)}`,
          kind: 'compose-service',
          source: { section, where: `${where}, service ${name}` },
          text: block.text,
          ...(target ? { target } : {}),
          ...(paired ? { dockerfileId: paired.id } : {}),
        });
      }
    }
  }
  return recipes;
}

type ComposeServices = Record<string, { build?: { target?: string } | string } | null>;

/** A Compose file's services; none when it is not YAML (docker compose then says what is wrong with it). */
function composeServices(text: string): ComposeServices {
  try {
    return (parseYaml(text) as { services?: ComposeServices } | null)?.services ?? {};
  } catch {
    return {};
  }
}

/** A block the lab can run: a Dockerfile, shell commands, or a Compose file. */
export function isRecipeBlock(block: CodeBlock): boolean {
  return dockerfileLangs.has(block.lang) || shellLangs.has(block.lang) || yamlLangs.has(block.lang);
}
