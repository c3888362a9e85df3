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

/** Decodes one `aux` payload of a `moby.buildkit.trace` record. */
export function decodeStatus(base64: string): StatusUpdate {
  const message = StatusResponse.decode(Buffer.from(base64, 'base64'));
  const raw = StatusResponse.toObject(message, { longs: Number, defaults: false }) as {
    vertexes?: { digest?: string; name?: string; cached?: boolean; started?: RawTimestamp; completed?: RawTimestamp; error?: string }[];
    logs?: { vertex?: string; msg?: Uint8Array }[];
  };
  return {
    vertexes: (raw.vertexes ?? []).map((vertex) => {
      const update: VertexUpdate = { digest: vertex.digest ?? '', name: vertex.name ?? '', cached: vertex.cached ?? false };
      const started = toMs(vertex.started);
      const completed = toMs(vertex.completed);
      if (started !== undefined) update.started = started;
      if (completed !== undefined) update.completed = completed;
      if (vertex.error) update.error = vertex.error;
      return update;
    }),
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
