// What the engine is, as far as the harness's results depend on it: its version (and so its
// built-in BuildKit), the storage driver and image store (a containerd store writes `docker
// save` differently and sizes images differently), the default runtime, the cgroup version and
// the security options (rootless or user namespaces change what uid a process runs as), and the
// registry mirrors a plain image name is pulled from. Not the kernel's patch level or anything
// that changes with every start.
import { docker } from './docker.ts';

export interface EngineIdentity {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  storageDriver: string;
  imageStore: 'containerd' | 'classic';
  defaultRuntime: string;
  cgroupVersion: string;
  securityOptions: string[];
  /** containerd's and runc's versions, as the engine reports them. */
  components: Record<string, string>;
  /** daemon.json's registry-mirrors: where a plain Docker Hub name is pulled from (a mirror may serve other images than Docker Hub). */
  registryMirrors: string[];
}

/** The image store, from `docker info`'s DriverStatus (the containerd store names its snapshotter there). */
export function imageStoreOf(info: { DriverStatus?: [string, string][] | null }): EngineIdentity['imageStore'] {
  return (info.DriverStatus ?? []).some(([key, value]) => key === 'driver-type' && value.startsWith('io.containerd.snapshotter')) ? 'containerd' : 'classic';
}

export async function engineIdentity(): Promise<EngineIdentity> {
  const [version, info] = await Promise.all([docker().version(), docker().info() as Promise<EngineInfo>]);
  return identityOf(version, info);
}

/** The identity in `docker version` and `docker info`'s answers. */
export function identityOf(version: EngineVersion, info: EngineInfo): EngineIdentity {
  const components: Record<string, string> = {};
  for (const c of version.Components ?? []) if (c.Name !== 'Engine') components[c.Name] = c.Version;
  return {
    version: version.Version,
    apiVersion: version.ApiVersion,
    os: version.Os,
    arch: version.Arch,
    storageDriver: info.Driver ?? '',
    imageStore: imageStoreOf(info),
    defaultRuntime: info.DefaultRuntime ?? '',
    cgroupVersion: info.CgroupVersion ?? '',
    securityOptions: [...(info.SecurityOptions ?? [])].sort(),
    components,
    registryMirrors: [...(info.RegistryConfig?.Mirrors ?? [])].sort(),
  };
}

export interface EngineVersion {
  Version: string;
  ApiVersion: string;
  Os: string;
  Arch: string;
  Components?: { Name: string; Version: string }[];
}

export interface EngineInfo {
  Driver?: string;
  DriverStatus?: [string, string][] | null;
  DefaultRuntime?: string;
  CgroupVersion?: string;
  SecurityOptions?: string[];
  RegistryConfig?: { Mirrors?: string[] | null };
}
