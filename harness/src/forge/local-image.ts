// A local image by reference, or null when the engine has none by that name.
import type Dockerode from 'dockerode';
import { docker } from '../engine/docker.ts';

export async function findImage(ref: string): Promise<Dockerode.ImageInspectInfo | null> {
  try {
    return await docker().getImage(ref).inspect();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}
