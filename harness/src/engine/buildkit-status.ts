// BuildKit's progress as `docker buildx build --progress=rawjson` writes it: its SolveStatus
// records (moby.buildkit.v1.StatusResponse in buildkit's control.proto) as JSON, times in RFC 3339,
// log data in base64. Only the fields the harness reads are declared here.

export interface VertexUpdate {
  digest: string;
  name: string;
  cached: boolean;
  /** ms since the epoch */
  started?: number;
  completed?: number;
  error?: string;
}

export interface VertexLogLine {
  digest: string;
  text: string;
}

export interface StatusUpdate {
  vertexes: VertexUpdate[];
  logs: VertexLogLine[];
  /** The frontend's build-check warnings, e.g. `ConsistentInstructionCasing: Command 'from' should ... (line 7)`. */
  warnings: string[];
}

interface RawVertex<Time> {
  digest?: string;
  name?: string;
  cached?: boolean;
  started?: Time;
  completed?: Time;
  error?: string;
}

/** One vertex, its times in ms since the epoch. */
function toVertexUpdate(vertex: RawVertex<string>, ms: (time: string | undefined) => number | undefined): VertexUpdate {
  const update: VertexUpdate = { digest: vertex.digest ?? '', name: vertex.name ?? '', cached: vertex.cached ?? false };
  const started = ms(vertex.started);
  const completed = ms(vertex.completed);
  if (started !== undefined) update.started = started;
  if (completed !== undefined) update.completed = completed;
  if (vertex.error) update.error = vertex.error;
  return update;
}

/** One record of `docker buildx build --progress=rawjson`. */
interface RawJsonStatus {
  vertexes?: RawVertex<string>[];
  logs?: { vertex?: string; data?: string }[];
  warnings?: { short?: string }[];
}

function rfc3339ToMs(time: string | undefined): number | undefined {
  if (!time) return undefined;
  // Date.parse takes milliseconds at most: cut nanoseconds to three digits.
  const ms = Date.parse(time.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? undefined : ms;
}

/** Decodes one rawjson record (already parsed from JSON). */
export function decodeRawJsonStatus(record: unknown): StatusUpdate {
  const raw = (record ?? {}) as RawJsonStatus;
  return {
    vertexes: (raw.vertexes ?? []).map((vertex) => toVertexUpdate(vertex, rfc3339ToMs)),
    logs: (raw.logs ?? []).map((log) => ({ digest: log.vertex ?? '', text: Buffer.from(log.data ?? '', 'base64').toString('utf8') })),
    warnings: (raw.warnings ?? []).flatMap((w) => (w.short ? [Buffer.from(w.short, 'base64').toString('utf8')] : [])),
  };
}

/**
 * Splits buildx's rawjson output into records and plain text: buildx indents each record, so a
 * record starts with a line `{` and ends with a line `}`; anything else (the error summary it
 * prints when a build fails) is text. Feed it lines; it calls back per record or text line.
 */
export class RawJsonSplitter {
  private record: string[] | undefined;
  private readonly onRecord: (record: unknown) => void;
  private readonly onText: (line: string) => void;

  constructor(onRecord: (record: unknown) => void, onText: (line: string) => void) {
    this.onRecord = onRecord;
    this.onText = onText;
  }

  line(line: string): void {
    if (this.record === undefined) {
      if (line === '{') this.record = [line];
      else if (line.trim()) this.onText(line);
      return;
    }
    this.record.push(line);
    if (line !== '}') return;
    const text = this.record.join('\n');
    this.record = undefined;
    try {
      this.onRecord(JSON.parse(text));
    } catch {
      for (const kept of text.split('\n')) this.onText(kept);
    }
  }
}
