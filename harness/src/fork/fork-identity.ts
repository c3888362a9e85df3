// Who a fork is: the image title and the source URL its labels carry. From the options if
// given, else from the target folder's git remote (the repository the fork will be pushed to),
// else the folder's name, and no source (CI fills it in from the repository it runs in).
import path from 'node:path';

export interface ForkIdentity {
  /** The image title (org.opencontainers.image.title) and the name the README uses. */
  title: string;
  /** Where the source lives (org.opencontainers.image.source); '' when not known. */
  source: string;
  description: string;
  /** Where title and source came from, for the command's output. */
  from: 'options' | 'git remote' | 'folder name';
}

/**
 * A git remote's web address: https://host/owner/repo for the forms git accepts (scp-like
 * git@host:owner/repo.git, ssh://, git://, https:// with or without credentials or .git).
 * Undefined for what is no hosted repository (a local path, file://).
 */
export function remoteWebUrl(remote: string): string | undefined {
  const text = remote.trim();
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/)(.+?)(?:\.git)?\/?$/.exec(text);
  if (scp && !text.includes('://')) return `https://${scp[1]}/${scp[2]}`;
  const url = /^(?:ssh|git|https?|git\+ssh):\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(.+?)(?:\.git)?\/?$/.exec(text);
  if (url) return `https://${url[1]}/${url[2]}`;
  return undefined;
}

/** The last path segment of a repository address: its name. */
export function repositoryName(webUrl: string): string {
  return webUrl.replace(/\/+$/, '').split('/').at(-1) ?? webUrl;
}

/** An image title from a name: lower case letters, digits, dots, dashes and underscores. */
export function imageName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '');
  return cleaned || 'app';
}

export interface IdentityInputs {
  /** --name, --source, --description as given. */
  options: { name?: string; source?: string; description?: string };
  /** `git remote get-url origin` in the target folder, if it has one. */
  remote?: string;
  /** The target folder. */
  dir: string;
  /** The default description (the catalogue entry's title). */
  description: string;
}

export function resolveIdentity(inputs: IdentityInputs): ForkIdentity {
  const { options } = inputs;
  const fromRemote = inputs.remote ? remoteWebUrl(inputs.remote) : undefined;
  const source = options.source ?? fromRemote ?? '';
  const title = imageName(options.name ?? (source ? repositoryName(source) : path.basename(path.resolve(inputs.dir))));
  const from = options.name !== undefined || options.source !== undefined ? 'options' : fromRemote ? 'git remote' : 'folder name';
  // The catalogue's one-liners end by naming the tutorial's example, which means nothing on its own.
  const description = options.description ?? inputs.description.replace(/\s*\((?:tutorial )?Example \d+[^)]*\)\s*$/, '');
  return { title, source, description, from };
}
