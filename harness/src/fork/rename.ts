// `pnpm fork APP DIR --name NAME`: the app's own name becomes NAME wherever a starter's user
// would rename it: package and module names (package.json, go.mod, pyproject.toml and uv.lock,
// pom.xml), the page title, the binary and jar, the greeting, BuildKit cache mount ids, and
// the dashless form (a Java package, com.example.javaapi) in text and in paths. Pure: the fork's
// files in, renamed files out. Only with --name: a title taken from a git remote or the folder
// labels the image and leaves the sources as they are.

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The name without dashes, as a Java package segment must be (a leading digit gets "app"). */
export function compactName(name: string): string {
  const compact = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return /^[a-z]/.test(compact) ? compact : `app${compact}`;
}

/**
 * `from` made `to` where it starts a name: "go-api", "go-api-npm" (a cache id), never inside
 * another word ("my-go-api", "tango-api").
 */
export function renameText(text: string, from: string, to: string): string {
  const word = new RegExp(`(?<![\\w-])${escape(from)}(?!\\w)`, 'g');
  const compact = compactName(from);
  const out = text.replace(word, to);
  return compact === from ? out : out.replace(new RegExp(`(?<![\\w-])${escape(compact)}(?![\\w-])`, 'g'), compactName(to));
}

/** Every file renamed: text contents, and path segments that are the name or its dashless form. */
export function renameFork(files: Map<string, Buffer>, from: string, to: string, isText: (content: Buffer) => boolean): Map<string, Buffer> {
  if (from === to) return files;
  const out = new Map<string, Buffer>();
  for (const [file, content] of files) {
    const renamedPath = file
      .split('/')
      .map((segment) => (segment === from ? to : segment === compactName(from) ? compactName(to) : segment))
      .join('/');
    out.set(renamedPath, isText(content) ? Buffer.from(renameText(content.toString('utf8'), from, to)) : content);
  }
  return out;
}
