// Reads a Dockerfile's stages with a real parser (dockerfile-ast), for the catalogue's checks.
import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';

export interface Stage {
  /** The `AS` name, or null for an unnamed stage. */
  name: string | null;
  /** What it is built FROM. */
  from: string | null;
  /** 1-based line of its FROM. */
  line: number;
}

export function readStages(dockerfilePath: string): Stage[] {
  const dockerfile = DockerfileParser.parse(readFileSync(dockerfilePath, 'utf8'));
  return dockerfile.getFROMs().map((from) => ({
    name: from.getBuildStage(),
    from: from.getImage(),
    line: from.getRange().start.line + 1,
  }));
}
