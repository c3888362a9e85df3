import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';

const fixedTime = () => new Date('2026-01-02T03:04:05.000Z');

describe('createLogger', () => {
  it('writes one JSON object per line with time, level, message, bindings and fields', () => {
    const out: string[] = [];
    const logger = createLogger({ level: 'info', write: (l) => out.push(l), now: fixedTime, bindings: { service: 's' } });
    logger.info('hello', { port: 3000 });
    expect(out).toEqual([`{"time":"2026-01-02T03:04:05.000Z","level":"info","msg":"hello","service":"s","port":3000}\n`]);
  });

  it('drops lines below its level', () => {
    const out: string[] = [];
    const logger = createLogger({ level: 'warn', write: (l) => out.push(l) });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(out.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['w', 'e']);
    expect(logger.isEnabled('info')).toBe(false);
    expect(logger.isEnabled('error')).toBe(true);
  });

  it('writes nothing at level silent', () => {
    const out: string[] = [];
    createLogger({ level: 'silent', write: (l) => out.push(l) }).error('e');
    expect(out).toEqual([]);
  });

  it('serializes errors with their message, code, stack and cause', () => {
    const out: string[] = [];
    const cause = new Error('root cause');
    const err = Object.assign(new Error('boom', { cause }), { code: 'E_BOOM' });
    createLogger({ level: 'info', write: (l) => out.push(l) }).error('failed', { err });
    const line = JSON.parse(out[0] ?? '') as { err: Record<string, unknown> };
    expect(line.err).toMatchObject({ name: 'Error', message: 'boom', code: 'E_BOOM', cause: { message: 'root cause' } });
    expect(line.err.stack).toContain('logger.test.ts');
  });

  it('child loggers add their bindings', () => {
    const out: string[] = [];
    const child = createLogger({ level: 'info', write: (l) => out.push(l), bindings: { a: 1 } }).child({ b: 2 });
    child.info('x');
    expect(JSON.parse(out[0] ?? '')).toMatchObject({ a: 1, b: 2, msg: 'x' });
  });

  it('survives fields that JSON cannot encode', () => {
    const out: string[] = [];
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    createLogger({ level: 'info', write: (l) => out.push(l) }).info('odd', { circular });
    expect(JSON.parse(out[0] ?? '')).toMatchObject({ msg: 'odd', logError: 'unserializable fields' });
  });
});
