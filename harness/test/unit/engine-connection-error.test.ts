// Which engine API errors mean the engine is gone (a run then says so in one line), and which
// are the engine refusing a request (shown as they are).
import { describe, expect, it } from 'vitest';
import { isEngineConnectionError } from '../../src/engine/faults.ts';

describe('isEngineConnectionError', () => {
  it('knows a socket that went away, a refused or reset connection', () => {
    expect(isEngineConnectionError(Object.assign(new Error('connect ENOENT /tmp/lab-dockerd-x/docker.sock'), { code: 'ENOENT' }))).toBe(true);
    expect(isEngineConnectionError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2375'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isEngineConnectionError(new Error('socket hang up'))).toBe(true);
  });

  it("leaves the engine's own answers and other failures alone", () => {
    expect(isEngineConnectionError(Object.assign(new Error('(HTTP code 404) no such container'), { statusCode: 404 }))).toBe(false);
    expect(isEngineConnectionError(new Error('the container exited (code 1) before it was ready'))).toBe(false);
    expect(isEngineConnectionError(Object.assign(new Error("ENOENT: no such file or directory, open 'x'"), { code: 'ENOENT' }))).toBe(false);
    expect(isEngineConnectionError(undefined)).toBe(false);
  });
});
