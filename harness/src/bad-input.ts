// Input a command cannot take: an unknown option, an app the catalogue lacks, `--runs 0`. Every
// command answers it with the message alone, one line that says what to do, and exits 2 (a usage
// error), before it builds or writes anything; a stack trace would bury the one line that matters.
export class BadInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadInputError';
  }
}
