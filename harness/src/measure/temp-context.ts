// A throwaway copy of an app's context, for checks that edit files (dev reload, a failing test,
// a one-line change): the repository itself is never touched. Removed on dispose.
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { leftOutOfCopies } from '../paths.ts';
import { filledTempFolder } from '../temp-folder.ts';

export class TempContext implements AsyncDisposable {
  readonly dir: string;
  private constructor(dir: string) {
    this.dir = dir;
  }

  private root: string | undefined;

  static async copyOf(source: string, label: string): Promise<TempContext> {
    const dir = await filledTempFolder(label, (d) => cp(source, d, { recursive: true, filter: (src) => !leftOutOfCopies.has(path.basename(src)) }));
    return new TempContext(dir);
  }

  /**
   * Copies repository-relative paths into a temporary tree of the same layout, so paths that
   * reach outside the context (a Compose file's `../../dockerfiles/...`) still resolve.
   * `dir` is the copy of `contextPath`.
   */
  static async copyOfRepoPaths(repoRoot: string, contextPath: string, alsoCopy: string[], label: string): Promise<TempContext> {
    const root = await filledTempFolder(label, async (d) => {
      for (const relative of [contextPath, ...alsoCopy]) {
        await cp(path.join(repoRoot, relative), path.join(d, relative), { recursive: true, filter: (src) => !leftOutOfCopies.has(path.basename(src)) });
      }
    });
    const copy = new TempContext(path.join(root, contextPath));
    copy.root = root;
    return copy;
  }

  path(relative: string): string {
    return path.join(this.dir, relative);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await rm(this.root ?? this.dir, { recursive: true, force: true });
  }
}
