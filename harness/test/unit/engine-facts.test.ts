// What the engine is, as the reports record it.
import { describe, expect, it } from 'vitest';
import { apiAtLeast } from '../../src/engine/docker.ts';
import { buildxVersionOf } from '../../src/engine/builder.ts';
import { describeEngine, imageStoreOf } from '../../src/engine/engine-facts.ts';

describe('the engine facts', () => {
  it('tell the containerd image store by the snapshotter docker info names', () => {
    expect(imageStoreOf({ DriverStatus: [['driver-type', 'io.containerd.snapshotter.v1']] })).toBe('containerd');
    expect(
      imageStoreOf({
        DriverStatus: [
          ['Backing Filesystem', 'extfs'],
          ['Supports d_type', 'true'],
        ],
      }),
    ).toBe('classic');
    expect(imageStoreOf({ DriverStatus: null })).toBe('classic');
  });

  it('read the buildx version from `docker buildx version`', () => {
    expect(buildxVersionOf('github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3\n')).toBe('0.13.1+ds1');
    expect(buildxVersionOf('github.com/docker/buildx v0.17.1-desktop.1 257815a6fb95b8a1a9a7cfed4b4fe3e04b2cbd5e\n')).toBe('0.17.1-desktop.1');
    expect(buildxVersionOf('')).toBeNull();
  });

  it('describe the engine in one line', () => {
    const engine = {
      version: '26.1.5+dfsg1',
      apiVersion: '1.45',
      os: 'linux',
      arch: 'amd64',
      storageDriver: 'overlay2',
      imageStore: 'classic',
      buildx: '0.13.1+ds1',
    } as const;
    expect(describeEngine({ ...engine, compose: null })).toBe(
      'Docker 26.1.5+dfsg1 (API 1.45), classic image store (overlay2), buildx 0.13.1+ds1, Compose v2 missing',
    );
    const builder = { name: 'lab-remote', driver: 'remote', buildkit: ['v0.35.0'] };
    expect(describeEngine({ ...engine, compose: '2.26.1', builder })).toBe(
      'Docker 26.1.5+dfsg1 (API 1.45), classic image store (overlay2), buildx 0.13.1+ds1, builder lab-remote (remote driver, BuildKit v0.35.0), Compose 2.26.1',
    );
  });

  it('compare API versions as numbers', () => {
    expect(apiAtLeast('1.45', '1.44')).toBe(true);
    expect(apiAtLeast('1.44', '1.44')).toBe(true);
    expect(apiAtLeast('1.41', '1.44')).toBe(false);
    expect(apiAtLeast('1.100', '1.44')).toBe(true);
  });
});
