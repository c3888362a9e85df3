// The sending side of BuildKit's file sync (fsutil's DiffCopy, `moby.filesync.v1.FileSync`):
// a STAT packet for each path of the context, in walk order, then an empty STAT; the engine
// asks for the files it does not have yet (REQ, by the index of their STAT) and gets each as
// DATA packets ending with an empty one; FIN ends the exchange. What `docker buildx build`
// does for its build context and its Dockerfile.
import { createReadStream, type Stats } from 'node:fs';
import protobuf from 'protobufjs';
import { walkContext, type ContextSource, type TreeFilter } from './context-tree.ts';

// fsutil's types/stat.proto and types/wire.proto (package fsutil.types), as far as they are sent.
const schema = protobuf.parse(`
  syntax = "proto3";
  message Stat {
    string path = 1; uint32 mode = 2; uint32 uid = 3; uint32 gid = 4; int64 size = 5; int64 modTime = 6;
    string linkname = 7; int64 devmajor = 8; int64 devminor = 9;
  }
  message Packet { int32 type = 1; Stat stat = 2; uint32 ID = 3; bytes data = 4; }
`).root;
const Packet = schema.lookupType('Packet');

export const PacketType = { STAT: 0, REQ: 1, DATA: 2, FIN: 3, ERR: 4 } as const;

export interface PacketMessage {
  type?: number;
  stat?: Record<string, unknown> | null;
  ID?: number;
  data?: Uint8Array;
}

export function encodePacket(packet: PacketMessage): Uint8Array {
  return Packet.encode(Packet.fromObject(packet)).finish();
}

export function decodePacket(bytes: Uint8Array): PacketMessage {
  return Packet.toObject(Packet.decode(bytes), { defaults: true, longs: Number }) as PacketMessage;
}

/** Go's os.FileMode bits, which fsutil sends as the mode: permissions plus Go's own type bits. */
export function goFileMode(stats: Stats): number {
  let mode = stats.mode & 0o777;
  if (stats.mode & 0o4000) mode |= 1 << 23; // setuid
  if (stats.mode & 0o2000) mode |= 1 << 22; // setgid
  if (stats.mode & 0o1000) mode |= 1 << 20; // sticky
  if (stats.isDirectory()) mode |= 1 << 31;
  else if (stats.isSymbolicLink()) mode |= 1 << 27;
  else if (stats.isFIFO()) mode |= 1 << 25;
  else if (stats.isSocket()) mode |= 1 << 24;
  else if (stats.isBlockDevice()) mode |= 1 << 26;
  else if (stats.isCharacterDevice()) mode |= (1 << 26) | (1 << 21);
  return mode >>> 0;
}

/** A bidirectional stream of packets: how the session hands one DiffCopy call to the sender. */
export interface PacketStream {
  send(packet: PacketMessage): Promise<void>;
  /** The next packet from the engine; null when it closed its side. */
  receive(): Promise<PacketMessage | null>;
}

/** Sends one context (a folder and extra files, filtered as the engine asked) over a DiffCopy call. */
export async function sendContext(stream: PacketStream, source: ContextSource, filter: TreeFilter): Promise<void> {
  const files = new Map<number, string>();
  let index = 0;
  for await (const entry of walkContext(source, filter)) {
    const { stats } = entry;
    await stream.send({
      type: PacketType.STAT,
      stat: {
        path: entry.path,
        mode: goFileMode(stats),
        uid: stats.uid,
        gid: stats.gid,
        size: stats.isDirectory() ? 0 : stats.size,
        // Nanoseconds, as a string: past 2^53 a number would lose the low digits.
        modTime: (BigInt(Math.trunc(stats.mtimeMs)) * 1_000_000n).toString(),
        ...(entry.linkname ? { linkname: entry.linkname } : {}),
      },
    });
    if (stats.isFile()) files.set(index, entry.absolute);
    index++;
  }
  await stream.send({ type: PacketType.STAT });
  for (;;) {
    const packet = await stream.receive();
    if (!packet) return;
    if (packet.type === PacketType.ERR) throw new Error(`the engine's file sync failed: ${Buffer.from(packet.data ?? []).toString()}`);
    if (packet.type === PacketType.FIN) {
      await stream.send({ type: PacketType.FIN });
      return;
    }
    if (packet.type !== PacketType.REQ) continue;
    const id = packet.ID ?? 0;
    const file = files.get(id);
    if (file === undefined) throw new Error(`the engine asked for file ${id}, which was not sent`);
    files.delete(id);
    for await (const chunk of createReadStream(file, { highWaterMark: 32 * 1024 })) await stream.send({ type: PacketType.DATA, ID: id, data: chunk as Buffer });
    await stream.send({ type: PacketType.DATA, ID: id });
  }
}
