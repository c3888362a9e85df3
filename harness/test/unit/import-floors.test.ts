// harness/src stays in floors: no module imports itself round a circle, and no folder does
// (types included: a type in the wrong file is how circles start), so each folder can be read
// knowing only the ones below it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { srcImports as imports } from '../support/src-imports.ts';

/** The folder a file is on (a file at src's top is a floor of its own). */
const floorOf = (file: string) => file.split(path.sep)[0]!;

/** The circles of a graph: its strongly connected parts of more than one node (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const part = stack.splice(stack.indexOf(node));
      if (part.length > 1) found.push(part.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe("harness/src's imports", () => {
  it('are read (a guard against a pattern that finds none)', () => {
    expect([...imports.values()].flat().length).toBeGreaterThan(500);
  });

  it('make no circle of files', () => {
    expect(circles(imports)).toEqual([]);
  });

  it('make no circle of folders', () => {
    const floors = new Map<string, string[]>();
    for (const [file, targets] of imports) {
      const from = floorOf(file);
      floors.set(from, [...new Set([...(floors.get(from) ?? []), ...targets.map(floorOf).filter((to) => to !== from)])]);
    }
    const found = circles(floors);
    // Which imports close each circle, so the message says what to move.
    const closing = found.map((part) =>
      [...imports].flatMap(([file, targets]) =>
        targets.filter((t) => part.includes(floorOf(file)) && part.includes(floorOf(t)) && floorOf(t) !== floorOf(file)).map((t) => `${file} -> ${t}`),
      ),
    );
    expect(closing).toEqual([]);
  });
});
