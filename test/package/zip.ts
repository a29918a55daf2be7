/**
 * Reads the entries of a zip archive (a .vsix) from its central directory: names, sizes and
 * contents (stored or deflated). Enough for the archives vsce writes; no zip64, no encryption.
 */
import { inflateRawSync } from 'node:zlib';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** One file in the archive. */
export interface ZipEntry {
  name: string;
  /** Uncompressed size in bytes. */
  size: number;
  /** The uncompressed content. */
  read(): Buffer;
}

/** The entries of a zip archive, in directory order. Throws on anything it cannot read. */
export function readZip(archive: Buffer): ZipEntry[] {
  const end = findEndOfDirectory(archive);
  const count = archive.readUInt16LE(end + 10);
  let offset = archive.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(offset) !== DIRECTORY_ENTRY) throw new Error(`zip: no directory entry at ${offset}`);
    const method = archive.readUInt16LE(offset + 10);
    const compressedSize = archive.readUInt32LE(offset + 20);
    const size = archive.readUInt32LE(offset + 24);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const localOffset = archive.readUInt32LE(offset + 42);
    const name = archive.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({ name, size, read: () => entryData(archive, localOffset, method, compressedSize, size, name) });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfDirectory(archive: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  for (let at = archive.length - 22; at >= Math.max(0, archive.length - 22 - 0xffff); at--) {
    if (archive.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw new Error('zip: no end of central directory record');
}

function entryData(archive: Buffer, localOffset: number, method: number, compressedSize: number, size: number, name: string): Buffer {
  if (archive.readUInt32LE(localOffset) !== LOCAL_HEADER) throw new Error(`zip: no local header for ${name}`);
  const start = localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
  const raw = archive.subarray(start, start + compressedSize);
  const data = method === 0 ? Buffer.from(raw) : method === 8 ? inflateRawSync(raw) : null;
  if (!data) throw new Error(`zip: ${name} uses compression method ${method}`);
  if (data.length !== size) throw new Error(`zip: ${name} is ${data.length} bytes, the directory says ${size}`);
  return data;
}
