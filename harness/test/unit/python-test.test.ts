import { describe, expect, it } from 'vitest';
import { pickPython, requiredPython } from '../../src/tasks/python-test.ts';

describe("python-api's test:unit picks an interpreter", () => {
  it("reads pyproject.toml's requires-python floor, and refuses a form it does not read", () => {
    expect(requiredPython('[project]\nname = "x"\nrequires-python = ">=3.13"\n')).toEqual([3, 13]);
    expect(() => requiredPython('[project]\nrequires-python = "~=3.13"\n')).toThrow('requires-python must read ">=X.Y"');
  });

  it('takes the oldest interpreter that meets the floor, and none when every one is older', () => {
    const found = [
      { path: '/usr/bin/python3', version: [3, 11, 2] as [number, number, number] },
      { path: '/py/3.14/bin/python3', version: [3, 14, 1] as [number, number, number] },
      { path: '/py/3.13/bin/python3', version: [3, 13, 0] as [number, number, number] },
    ];
    expect(pickPython(found, [3, 13])?.path).toBe('/py/3.13/bin/python3');
    expect(pickPython(found, [3, 15])).toBeUndefined();
    expect(pickPython(found.slice(0, 1), [3, 13])).toBeUndefined();
  });
});
