// Decodes the `moby.buildkit.trace` records the engine sends while it builds with BuildKit.
// Each is a base64 protobuf `moby.buildkit.v1.StatusResponse` (buildkit's control.proto);
// only the fields the harness reads are declared here.
import protobuf from 'protobufjs';

const schema = protobuf.Root.fromJSON({
  nested: {
    Timestamp: { fields: { seconds: { type: 'int64', id: 1 }, nanos: { type: 'int32', id: 2 } } },
    Vertex: {
      fields: {
        digest: { type: 'string', id: 1 },
        inputs: { rule: 'repeated', type: 'string', id: 2 },
        name: { type: 'string', id: 3 },
        cached: { type: 'bool', id: 4 },
        started: { type: 'Timestamp', id: 5 },
        completed: { type: 'Timestamp', id: 6 },
        error: { type: 'string', id: 7 },
      },
    },
    VertexLog: {
      fields: {
        vertex: { type: 'string', id: 1 },
        timestamp: { type: 'Timestamp', id: 2 },
        stream: { type: 'int64', id: 3 },
        msg: { type: 'bytes', id: 4 },
      },
    },
    StatusResponse: {
      fields: {
        vertexes: { rule: 'repeated', type: 'Vertex', id: 1 },
        logs: { rule: 'repeated', type: 'VertexLog', id: 3 },
      },
    },
  },
});
const StatusResponse = schema.lookupType('StatusResponse');

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
}

interface RawTimestamp { seconds?: number | string; nanos?: number }

function toMs(timestamp: RawTimestamp | undefined): number | undefined {
  if (!timestamp || timestamp.seconds === undefined) return undefined;
  return Number(timestamp.seconds) * 1000 + Math.round((timestamp.nanos ?? 0) / 1e6);
}

interface RawVertex<Time> {
  digest?: string;
  name?: string;
  cached?: boolean;
  started?: Time;
  completed?: Time;
  error?: string;
}

/** One vertex, its times in ms since the epoch: the same from protobuf and from buildx's JSON. */
function toVertexUpdate<Time>(vertex: RawVertex<Time>, ms: (time: Time | undefined) => number | undefined): VertexUpdate {
  const update: VertexUpdate = { digest: vertex.digest ?? '', name: vertex.name ?? '', cached: vertex.cached ?? false };
  const started = ms(vertex.started);
  const completed = ms(vertex.completed);
  if (started !== undefined) update.started = started;
  if (completed !== undefined) update.completed = completed;
  if (vertex.error) update.error = vertex.error;
  return update;
}

/** Decodes one `aux` payload of a `moby.buildkit.trace` record. */
export function decodeStatus(base64: string): StatusUpdate {
  const message = StatusResponse.decode(Buffer.from(base64, 'base64'));
  const raw = StatusResponse.toObject(message, { longs: Number, defaults: false }) as {
    vertexes?: RawVertex<RawTimestamp>[];
    logs?: { vertex?: string; msg?: Uint8Array }[];
  };
  return {
    vertexes: (raw.vertexes ?? []).map((vertex) => toVertexUpdate(vertex, toMs)),
    logs: (raw.logs ?? []).map((log) => ({ digest: log.vertex ?? '', text: Buffer.from(log.msg ?? []).toString('utf8') })),
  };
}

/** Encodes a status update: the inverse of decodeStatus, for tests. */
export function encodeStatus(update: StatusUpdate): string {
  const ts = (ms: number | undefined) => (ms === undefined ? undefined : { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });
  const message = StatusResponse.fromObject({
    vertexes: update.vertexes.map((v) => ({ ...v, started: ts(v.started), completed: ts(v.completed) })),
    logs: update.logs.map((l) => ({ vertex: l.digest, msg: Buffer.from(l.text) })),
  });
  return Buffer.from(StatusResponse.encode(message).finish()).toString('base64');
}

/**
 * One record of `docker buildx build --progress=rawjson`: the same SolveStatus as above, as
 * buildx writes it in JSON (RFC 3339 times, log data in base64).
 */
interface RawJsonStatus {
  vertexes?: RawVertex<string>[];
  logs?: { vertex?: string; data?: string }[];
}

function rfc3339ToMs(time: string | undefined): number | undefined {
  if (!time) return undefined;
  // Date.parse takes milliseconds at most: cut nanoseconds to three digits.
  const ms = Date.parse(time.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? undefined : ms;
}

/** Decodes one rawjson record (already parsed from JSON) into the shape `decodeStatus` returns. */
export function decodeRawJsonStatus(record: unknown): StatusUpdate {
  const raw = (record ?? {}) as RawJsonStatus;
  return {
    vertexes: (raw.vertexes ?? []).map((vertex) => toVertexUpdate(vertex, rfc3339ToMs)),
    logs: (raw.logs ?? []).map((log) => ({ digest: log.vertex ?? '', text: Buffer.from(log.data ?? '', 'base64').toString('utf8') })),
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
