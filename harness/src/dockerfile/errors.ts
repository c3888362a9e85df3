// A Dockerfile the harness cannot read as BuildKit would: the message names the file and line.
export class DockerfileError extends Error {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'DockerfileError';
    this.file = file;
    this.line = line;
  }
}
