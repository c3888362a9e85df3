// A machine as the unit tests describe it: the engine, builder and measuring tools a fingerprint
// holds, as values a test can change one at a time (fingerprint.test.ts, measure-once.test.ts).
import type { BuilderFacts } from '../../src/engine/builder.ts';
import type { EngineIdentity } from '../../src/engine/engine-identity.ts';

export const engine: EngineIdentity = {
  version: '26.1.5+dfsg1',
  apiVersion: '1.45',
  os: 'linux',
  arch: 'amd64',
  storageDriver: 'overlay2',
  imageStore: 'classic',
  defaultRuntime: 'runc',
  cgroupVersion: '1',
  securityOptions: ['name=seccomp,profile=builtin'],
  components: { containerd: '1.6.20', runc: '1.1.5' },
  registryMirrors: [],
};
export const builder: BuilderFacts = { buildx: '0.13.1+ds1', name: 'default', driver: 'docker', buildkit: ['v0.0.0+unknown'] };
export const tools = { node: '24.11.1', zlib: '1.3.1-470d3a2', chromium: 'Chromium 156.0.8078.129 built on Debian GNU/Linux 12 (bookworm)' };
