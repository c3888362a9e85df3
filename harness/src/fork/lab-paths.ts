// A fork's build context is its root: the lab's paths to an app (apps/<app>) and its Dockerfile
// (dockerfiles/<app>/multi.Dockerfile, or ../../dockerfiles/... from the app's folder) become
// paths of the fork (`.` and `Dockerfile`). Pure text rewriting, so comments and commands in
// any file (Dockerfile headers, Compose files, .dockerignore notes) come out right.
import path from 'node:path';

/** Where an app lives in the lab, repository-relative. */
export interface LabLayout {
  /** The build context, e.g. "apps/go-api". */
  context: string;
  /** The multi-stage Dockerfile, e.g. "dockerfiles/go-api/multi.Dockerfile". */
  dockerfile: string;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text with the lab's paths to the app and its Dockerfile replaced by the fork's. */
export function rewriteLabPaths(text: string, layout: LabLayout): string {
  const context = layout.context.replace(/\/+$/, '');
  const fromContext = path.posix.relative(context, layout.dockerfile);
  let out = text;
  // The Dockerfile, as the context names it (../../dockerfiles/x/multi.Dockerfile) or as the
  // repository does: it is `Dockerfile` at the fork's root.
  for (const name of [fromContext, layout.dockerfile]) {
    out = out.replace(new RegExp(`(?<![\\w./-])(?:\\./)?${escape(name)}(?![\\w-])`, 'g'), 'Dockerfile');
  }
  // `-f Dockerfile` says what Docker assumes anyway; a `\` continuation after it stays.
  out = out.replace(/ -f Dockerfile(?= |$)/gm, '');
  // The context: "$PWD/apps/x" is the fork's "$PWD", "apps/x/src" its "src", "apps/x" alone ".".
  const c = escape(context);
  out = out.replace(new RegExp(`(\\$\\{?PWD\\}?|\\$\\(pwd\\))/${c}(?![\\w-])`, 'g'), '$1');
  out = out.replace(new RegExp(`(?<![\\w./-])(?:\\./)?${c}/(?=[\\w.*-])`, 'g'), '');
  out = out.replace(new RegExp(`(?<![\\w./-])(?:\\./)?${c}(?![\\w/-])`, 'g'), '.');
  return out;
}
