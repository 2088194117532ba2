import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Writes small ZIP archives for tests of the .vsix reader: each member stored or deflated, as
 * vsce (yazl) writes them, with an optional archive comment to push the end record back.
 */
export class ZipBuilder {
  private readonly members: Array<{ name: string; content: Buffer; deflate: boolean }> = [];
  private comment = Buffer.alloc(0);

  add(name: string, content: string | Buffer, options: { deflate?: boolean } = {}): this {
    this.members.push({ name, content: Buffer.from(content), deflate: options.deflate ?? true });
    return this;
  }

  withComment(text: string): this {
    this.comment = Buffer.from(text);
    return this;
  }

  build(): Buffer {
    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    for (const { name, content, deflate } of this.members) {
      const nameBytes = Buffer.from(name);
      const data = deflate ? deflateRawSync(content) : content;
      const fields = { method: deflate ? 8 : 0, crc: crc32(content), compressed: data.length, size: content.length };

      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(fields.method, 8);
      local.writeUInt32LE(fields.crc, 14);
      local.writeUInt32LE(fields.compressed, 18);
      local.writeUInt32LE(fields.size, 22);
      local.writeUInt16LE(nameBytes.length, 26);
      locals.push(local, nameBytes, data);

      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(fields.method, 10);
      central.writeUInt32LE(fields.crc, 16);
      central.writeUInt32LE(fields.compressed, 20);
      central.writeUInt32LE(fields.size, 24);
      central.writeUInt16LE(nameBytes.length, 28);
      central.writeUInt32LE(offset, 42);
      centrals.push(central, nameBytes);
      offset += local.length + nameBytes.length + data.length;
    }
    const directory = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.members.length, 8);
    end.writeUInt16LE(this.members.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    end.writeUInt16LE(this.comment.length, 20);
    return Buffer.concat([...locals, directory, end, this.comment]);
  }
}
