// A pull with a short time limit for the registry to answer: where one answers, the official
// image is used; where none does (the project's machines), the forge makes a stand-in.
import { docker } from '../engine/docker.ts';
import { parseRef } from '../dockerfile/refs.ts';

export class Puller {
  /** Registries that did not answer this run: said once, with the reason. */
  private readonly failed = new Set<string>();
  private readonly note: (line: string) => void;

  constructor(note: (line: string) => void) {
    this.note = note;
  }

  /** Pulls `ref`; false (and one line saying why) when no registry gave it. */
  async tryPull(ref: string): Promise<boolean> {
    // The short limit is for the registry to answer; once it streams progress, the download
    // itself may take as long as a large image needs (up to FORGE_PULL_DOWNLOAD_MS).
    const limitMs = Number(process.env.FORGE_PULL_TIMEOUT_MS) || 5_000;
    const downloadMs = Number(process.env.FORGE_PULL_DOWNLOAD_MS) || 30 * 60_000;
    const client = docker();
    const abort = new AbortController();
    let timer = setTimeout(() => abort.abort(), limitMs);
    let answered = false;
    try {
      const stream = (await client.pull(ref, { abortSignal: abort.signal })) as NodeJS.ReadableStream;
      await new Promise<void>((resolve, reject) => {
        const onProgress = (event: { status?: string; error?: string }) => {
          if (answered || event.error || !event.status) return;
          answered = true;
          clearTimeout(timer);
          timer = setTimeout(() => abort.abort(), downloadMs);
        };
        client.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve()), onProgress);
        abort.signal.addEventListener(
          'abort',
          () => reject(new Error(answered ? `not downloaded within ${downloadMs} ms` : `no answer within ${limitMs} ms`)),
          { once: true },
        );
      });
      return true;
    } catch (error) {
      // One line per registry with the reason; the others just say so.
      const registry = registryOf(ref);
      const seen = this.failed.has(registry);
      this.failed.add(registry);
      this.note(`${ref}: not pulled (${seen ? `${registry} did not answer, as above` : firstLine((error as Error).message)})`);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}

function registryOf(ref: string): string {
  const first = parseRef(ref).repository.split('/')[0] ?? '';
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : 'docker.io';
}

export function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
