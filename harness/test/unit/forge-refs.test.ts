import { describe, expect, it } from 'vitest';
import { isScratch, normalizeRef, parseRef } from '../../src/dockerfile/refs.ts';

describe('image references', () => {
  it('spells Docker Hub references as the engine lists them', () => {
    expect(normalizeRef('node')).toBe('node:latest');
    expect(normalizeRef('docker.io/library/node:24')).toBe('node:24');
    expect(normalizeRef('index.docker.io/library/golang:1.26-trixie')).toBe('golang:1.26-trixie');
    expect(normalizeRef('docker.io/bitnami/redis:7')).toBe('bitnami/redis:7');
  });

  it('keeps other registries, ports and digests', () => {
    expect(normalizeRef('gcr.io/distroless/static-debian13:nonroot')).toBe('gcr.io/distroless/static-debian13:nonroot');
    expect(parseRef('localhost:5000/app')).toEqual({ repository: 'localhost:5000/app', tag: 'latest' });
    expect(normalizeRef('node@sha256:abc')).toBe('node@sha256:abc');
    expect(normalizeRef('node:24@sha256:abc')).toBe('node:24@sha256:abc');
  });

  it('knows scratch', () => {
    expect(isScratch('scratch')).toBe(true);
    expect(isScratch('Scratch')).toBe(true);
    expect(isScratch('scratchy:1')).toBe(false);
  });
});
