// `pnpm fork APP DIR --name NAME`: the app's name becomes NAME where a starter's user would
// rename it, and nowhere is the old name left; without --name the sources keep theirs.
import { describe, expect, it } from 'vitest';
import { entries } from '../../src/catalogue/index.ts';
import { planFork } from '../../src/fork/fork.ts';
import { forkRefusals } from '../../src/fork/plan.ts';
import { compactName, renameText } from '../../src/fork/rename.ts';

const identity = { title: 'widgets', source: '', description: 'Widgets', from: 'options' as const };
const app = (name: string) => entries.find((e) => e.name === name)!;
const textOf = (files: Map<string, Buffer>, file: string) => files.get(file)?.toString('utf8') ?? '';

describe('renameText', () => {
  it('renames the name where it starts a name, and its dashless form, never inside another word', () => {
    expect(renameText("module example.com/go-api\nid=go-api-npm 'Hello from go-api' tango-api my-go-api go-apis", 'go-api', 'widgets')).toBe(
      "module example.com/widgets\nid=widgets-npm 'Hello from widgets' tango-api my-go-api go-apis",
    );
    expect(renameText('package com.example.javaapi;', 'java-api', 'acme-orders')).toBe('package com.example.acmeorders;');
    expect(compactName('9lives')).toBe('app9lives');
  });
});

describe('pnpm fork --name widgets', () => {
  for (const entry of entries.filter((e) => forkRefusals(e, entries).length === 0)) {
    it(`${entry.name}: no file and no path keeps the app's old name`, () => {
      const { files } = planFork(entry, entries, identity, '/nonexistent', true);
      for (const [file, content] of files) {
        expect(file).not.toContain(entry.name);
        if (content.subarray(0, 8000).includes(0)) continue;
        const left = content
          .toString('utf8')
          .split('\n')
          .map((line, i) => `${file}:${i + 1}: ${line.trim()}`)
          .filter((line) => line.includes(entry.name) || line.includes(compactName(entry.name)));
        expect(left).toEqual([]);
      }
    });
  }

  it('renames the package, module, page title, greeting, binary and cache mount ids', () => {
    const node = planFork(app('node-api'), entries, identity, '/nonexistent', true).files;
    expect(JSON.parse(textOf(node, 'package.json')).name).toBe('widgets');
    expect(textOf(node, 'src/app.ts')).toContain("GREETING = 'Hello from widgets'");
    expect(textOf(node, 'Dockerfile')).toContain('id=widgets-pnpm-store');
    const go = planFork(app('go-api'), entries, identity, '/nonexistent', true).files;
    expect(textOf(go, 'go.mod')).toMatch(/^module example\.com\/widgets$/m);
    expect(textOf(go, 'Dockerfile')).toContain('"/widgets"');
    expect(textOf(planFork(app('react-spa'), entries, identity, '/nonexistent', true).files, 'index.html')).toContain('<title>widgets</title>');
    expect(textOf(planFork(app('python-api'), entries, identity, '/nonexistent', true).files, 'pyproject.toml')).toContain('name = "widgets"');
    const java = planFork(app('java-api'), entries, identity, '/nonexistent', true).files;
    expect(textOf(java, 'src/main/java/com/example/widgets/JavaApiApplication.java')).toMatch(/^package com\.example\.widgets;/);
  });

  it("without --name, the sources keep the app's name", () => {
    const { files } = planFork(app('go-api'), entries, identity, '/nonexistent');
    expect(textOf(files, 'go.mod')).toMatch(/^module example\.com\/go-api$/m);
  });
});
