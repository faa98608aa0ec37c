// Files a person may drop by mistake, made on the spot: a note saved as .txt, a JPEG cut off halfway (a
// photo still syncing from the phone), and a PNG whose header claims 20000×20000 pixels (a decompression bomb).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Photo } from './sample-photos';

function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const v of b) {
    c ^= v;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export async function makeBrokenFiles(
  dir: string,
  goodJpeg: Photo,
): Promise<{ text: Photo; truncated: Photo; bomb: Photo }> {
  const text = join(dir, '备注.txt');
  await writeFile(text, '明天带身份证原件去医保窗口\n');
  const bytes = await readFile(goodJpeg.path);
  const truncated = join(dir, '发票-没传完.jpg');
  await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.4)));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(20000, 0);
  ihdr.writeUInt32BE(20000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const bomb = join(dir, '扫描件-超大.png');
  await writeFile(
    bomb,
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', ihdr),
      pngChunk('IDAT', deflateSync(Buffer.alloc(20001 * 4))),
      pngChunk('IEND', Buffer.alloc(0)),
    ]),
  );
  return {
    text: { path: text, name: '备注.txt', mime: 'text/plain' },
    truncated: { path: truncated, name: '发票-没传完.jpg', mime: 'image/jpeg' },
    bomb: { path: bomb, name: '扫描件-超大.png', mime: 'image/png' },
  };
}
