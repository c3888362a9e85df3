// Where the harness puts the engine's images for a builder that cannot see them (engine/builder-mirror.ts).
import { describe, expect, it } from 'vitest';
import { builderMirror, mirrorRef } from '../../src/engine/builder-mirror.ts';

describe("a builder's mirror of the engine's images", () => {
  it('names each image where BuildKit asks a docker.io or gcr.io mirror for it', () => {
    expect(mirrorRef('127.0.0.1:5123', 'golang:1.26-trixie')).toBe('127.0.0.1:5123/library/golang:1.26-trixie');
    expect(mirrorRef('127.0.0.1:5123', 'docker.io/library/node:24')).toBe('127.0.0.1:5123/library/node:24');
    expect(mirrorRef('127.0.0.1:5123', 'bitnami/nginx')).toBe('127.0.0.1:5123/bitnami/nginx:latest');
    expect(mirrorRef('127.0.0.1:5123', 'gcr.io/distroless/static-debian13:nonroot')).toBe('127.0.0.1:5123/distroless/static-debian13:nonroot');
    expect(mirrorRef('127.0.0.1:5123', 'localhost:5000/app:1')).toBe('127.0.0.1:5123/app:1');
    expect(mirrorRef('127.0.0.1:5123', 'node@sha256:0123')).toBeNull();
  });

  it('takes host:port from LAB_BUILDER_MIRROR, nothing when unset, and refuses anything else in one line', () => {
    expect(builderMirror({ LAB_BUILDER_MIRROR: '127.0.0.1:5123' })).toBe('127.0.0.1:5123');
    expect(builderMirror({})).toBeUndefined();
    expect(() => builderMirror({ LAB_BUILDER_MIRROR: 'http://127.0.0.1:5123/' })).toThrow(
      /^LAB_BUILDER_MIRROR is 'http:\/\/127.0.0.1:5123\/': it takes the host:port/,
    );
  });
});
