// What the engine is, as the reports record it, and the one engine whose builds need their
// context served over loopback (the containerd store before Docker 27.5, moby/moby#47717).
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { needsServedContext, serveContext } from '../../src/engine/context-server.ts';
import { apiAtLeast } from '../../src/engine/docker.ts';
import { buildxVersionOf, describeEngine, imageStoreOf } from '../../src/engine/facts.ts';

describe('the engine facts', () => {
  it('tell the containerd image store by the snapshotter docker info names', () => {
    expect(imageStoreOf({ DriverStatus: [['driver-type', 'io.containerd.snapshotter.v1']] })).toBe('containerd');
    expect(imageStoreOf({ DriverStatus: [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true']] })).toBe('classic');
    expect(imageStoreOf({ DriverStatus: null })).toBe('classic');
  });

  it('read the buildx version from `docker buildx version`', () => {
    expect(buildxVersionOf('github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3\n')).toBe('0.13.1+ds1');
    expect(buildxVersionOf('github.com/docker/buildx v0.17.1-desktop.1 257815a6fb95b8a1a9a7cfed4b4fe3e04b2cbd5e\n')).toBe('0.17.1-desktop.1');
    expect(buildxVersionOf('')).toBeNull();
  });

  it('describe the engine in one line', () => {
    expect(
      describeEngine({ version: '26.1.5+dfsg1', apiVersion: '1.45', os: 'linux', arch: 'amd64', storageDriver: 'overlay2', imageStore: 'classic', buildx: '0.13.1+ds1', compose: null }),
    ).toBe('Docker 26.1.5+dfsg1 (API 1.45), classic image store (overlay2), buildx 0.13.1+ds1, Compose v2 missing');
  });

  it('compare API versions as numbers', () => {
    expect(apiAtLeast('1.45', '1.44')).toBe(true);
    expect(apiAtLeast('1.44', '1.44')).toBe(true);
    expect(apiAtLeast('1.41', '1.44')).toBe(false);
    expect(apiAtLeast('1.100', '1.44')).toBe(true);
  });
});

/** Runs `body` with DOCKER_HOST set to `host`, then puts it back as it was (absent included). */
async function withDockerHost(host: string, body: () => Promise<void>): Promise<void> {
  const previous = process.env.DOCKER_HOST;
  process.env.DOCKER_HOST = host;
  try {
    await body();
  } finally {
    if (previous === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = previous;
  }
}

describe('a build context served over loopback', () => {
  it('is needed on the containerd store before Docker 27.5 only', () => {
    expect(needsServedContext({ imageStore: 'containerd', version: '26.1.5+dfsg1' })).toBe(true);
    expect(needsServedContext({ imageStore: 'containerd', version: '27.4.1' })).toBe(true);
    expect(needsServedContext({ imageStore: 'containerd', version: '27.5.0' })).toBe(false);
    expect(needsServedContext({ imageStore: 'containerd', version: '29.0.4' })).toBe(false);
    expect(needsServedContext({ imageStore: 'classic', version: '26.1.5+dfsg1' })).toBe(false);
  });

  it('is served whole at a one-off URL ending in "context", and nothing else is', () =>
    withDockerHost('unix:///var/run/docker.sock', async () => {
      await using served = await serveContext(Readable.from([Buffer.from('a tar, say')]), { version: '26.1.5' });
      expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/context$/);
      const response = await fetch(served.url);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('a tar, say');
      expect((await fetch(new URL('/context', served.url))).status).toBe(404);
    }));

  it('cannot reach an engine on another machine, and says so', () =>
    withDockerHost('tcp://builder.example:2375', async () => {
      await expect(serveContext(Readable.from([Buffer.from('x')]), { version: '26.1.5' })).rejects.toThrow(
        /the engine at tcp:\/\/builder\.example:2375 \(Docker 26\.1\.5, containerd image store\) cannot read a build context sent through its API/,
      );
    }));
});
