import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { NeedleScanner } from '../../src/inspect/search.ts';

async function scan(chunks: string[], needles: string[]): Promise<string[]> {
  const scanner = new NeedleScanner(needles);
  await pipeline(Readable.from(chunks.map((c) => Buffer.from(c))), scanner);
  return [...scanner.found].sort();
}

describe('searching file contents', () => {
  it('finds a value split across two chunks of the stream', async () => {
    expect(await scan(['const api = "https://api-o', 'ne.test/items";'], ['https://api-one.test', 'https://api-two.test'])).toEqual(['https://api-one.test']);
  });

  it('finds nothing where the value is absent', async () => {
    expect(await scan(['x'.repeat(100), 'y'.repeat(100)], ['https://api-one.test'])).toEqual([]);
  });
});
