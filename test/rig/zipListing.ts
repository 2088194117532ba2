import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';

/**
 * Just enough of the ZIP format to look inside a .vsix: the names in its central directory, and
 * one member's bytes. Small archives only (no ZIP64, no encryption), which is what vsce writes.
 */

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const END_RECORD_SIZE = 22;
const MAX_COMMENT_SIZE = 0xffff;
const STORED = 0;
const DEFLATED = 8;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

export class ZipArchive {
  private constructor(
    private readonly file: string,
    private readonly bytes: Buffer,
    readonly entries: readonly ZipEntry[],
  ) {}

  static async open(file: string): Promise<ZipArchive> {
    const bytes = await readFile(file);
    return new ZipArchive(file, bytes, readCentralDirectory(bytes, file));
  }

  names(): string[] {
    return this.entries.map((entry) => entry.name);
  }

  /** A member's content, or undefined when the archive has no such member. */
  read(name: string): Buffer | undefined {
    const entry = this.entries.find((candidate) => candidate.name === name);
    if (!entry) return undefined;
    const at = entry.localHeaderOffset;
    if (this.bytes.readUInt32LE(at) !== LOCAL_FILE_HEADER) throw new Error(`${this.file}: ${name} has no local header at ${at}`);
    // The local header's name and extra lengths may differ from the central directory's.
    const dataStart = at + 30 + this.bytes.readUInt16LE(at + 26) + this.bytes.readUInt16LE(at + 28);
    const data = this.bytes.subarray(dataStart, dataStart + entry.compressedSize);
    if (entry.method === STORED) return Buffer.from(data);
    if (entry.method === DEFLATED) return inflateRawSync(data);
    throw new Error(`${this.file}: ${name} uses compression method ${entry.method}, which this reader does not know`);
  }
}

function readCentralDirectory(bytes: Buffer, file: string): ZipEntry[] {
  const end = findEndRecord(bytes, file);
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (bytes.readUInt32LE(at) !== CENTRAL_DIRECTORY_ENTRY) throw new Error(`${file}: central directory entry ${index} is damaged`);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    entries.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      localHeaderOffset: bytes.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The end record sits in the last 22 bytes, or before a trailing comment of up to 64 KB. */
function findEndRecord(bytes: Buffer, file: string): number {
  const lowest = Math.max(0, bytes.length - END_RECORD_SIZE - MAX_COMMENT_SIZE);
  for (let at = bytes.length - END_RECORD_SIZE; at >= lowest; at--) {
    if (bytes.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new Error(`${file} is not a ZIP archive (no end of central directory record)`);
}
