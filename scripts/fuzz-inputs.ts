// Hostile inputs for tests/integration/fuzz-files.test.ts, made deterministically (seeded PRNG) from valid
// samples: bit flips, truncation, zeroed ranges, swapped headers, random bytes, a JPEG with malformed EXIF,
// a PNG declaring 50,000 × 50,000 pixels, PDFs with broken cross-reference tables, HEICs with bad boxes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { seededRandom } from './reliability-fixtures';

export interface FuzzInput {
  path: string;
  /** Which mutation made it (for the printed counts and for replaying a failure). */
  family: string;
  /** The valid sample it came from. */
  seed: string;
}

type Rng = () => number;
const int = (rnd: Rng, n: number): number => Math.floor(rnd() * n);

async function makeSeeds(heicSeed: string): Promise<Record<string, Buffer>> {
  // An invoice-like picture with some structure, so decoders take their real code paths.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="100%" height="100%" fill="#f5f2ea"/>
    <rect x="30" y="30" width="740" height="540" fill="none" stroke="#222" stroke-width="3"/>
    <text x="60" y="100" font-size="40" font-family="sans-serif">FUZZ SEED 2026</text>
    ${Array.from({ length: 10 }, (_, i) => `<rect x="60" y="${150 + i * 36}" width="${300 + i * 30}" height="12" fill="#444"/>`).join('')}
    <circle cx="640" cy="450" r="70" fill="none" stroke="#d22" stroke-width="8"/></svg>`;
  const base = sharp(Buffer.from(svg));
  const jpeg = await base
    .clone()
    .jpeg({ quality: 80 })
    .withExif({ IFD0: { Make: 'ClaimDesk', Model: 'fuzz' } })
    .toBuffer();
  const png = await base.clone().resize(400, 300).png().toBuffer();
  const webp = await base.clone().webp({ quality: 70 }).toBuffer();
  const tiff = await base.clone().resize(300, 225).tiff({ compression: 'lzw' }).toBuffer();
  const doc = await PDFDocument.create();
  const img = await doc.embedJpg(jpeg);
  doc.addPage([595, 842]).drawImage(img, { x: 20, y: 300, width: 555, height: 416 });
  // Classic xref table (no object streams), so the xref mutations hit a real table.
  const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
  return { jpeg, png, webp, tiff, pdf, heic: readFileSync(heicSeed) };
}

function bitFlips(rnd: Rng, src: Buffer): Buffer {
  const out = Buffer.from(src);
  const flips = 1 + int(rnd, 32);
  // Half the time aim at the first 512 bytes, where headers and tables live and damage matters most.
  for (let i = 0; i < flips; i++) {
    const at = rnd() < 0.5 ? int(rnd, Math.min(512, out.length)) : int(rnd, out.length);
    out[at]! ^= 1 << int(rnd, 8);
  }
  return out;
}

const truncate = (rnd: Rng, src: Buffer): Buffer => src.subarray(0, 1 + int(rnd, src.length - 1));

function zeroRange(rnd: Rng, src: Buffer): Buffer {
  const out = Buffer.from(src);
  const start = int(rnd, out.length);
  out.fill(0, start, Math.min(out.length, start + 1 + int(rnd, 4096)));
  return out;
}

function randomBytes(rnd: Rng, length: number, prefix?: Buffer): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = int(rnd, 256);
  if (prefix) prefix.copy(out, 0);
  return out;
}

/** The first bytes of one format glued onto the body of another: what a mislabelled upload looks like. */
function swapHeader(rnd: Rng, head: Buffer, body: Buffer): Buffer {
  const n = 8 + int(rnd, 120);
  return Buffer.concat([head.subarray(0, n), body.subarray(Math.min(n, body.length - 1))]);
}

function exifSegment(tiff: Buffer): Buffer {
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const seg = Buffer.alloc(4);
  seg.writeUInt16BE(0xffe1, 0);
  seg.writeUInt16BE(Math.min(0xffff, payload.length + 2), 2);
  return Buffer.concat([seg, payload]);
}

/** A JPEG whose APP1 EXIF block lies: offsets past the end, absurd counts, a looping IFD chain, bad values. */
function jpegBadExif(rnd: Rng, jpeg: Buffer, variant: number): Buffer {
  const t = Buffer.alloc(64);
  t.write('II*\0', 0, 'latin1');
  switch (variant % 6) {
    case 0: // first IFD far past the end
      t.writeUInt32LE(0xffffff00 - int(rnd, 1000), 4);
      break;
    case 1: // 65,535 entries announced, none present
      t.writeUInt32LE(8, 4);
      t.writeUInt16LE(0xffff, 8);
      break;
    case 2: // Orientation = 99 (valid values are 1..8), value type LONG instead of SHORT
      t.writeUInt32LE(8, 4);
      t.writeUInt16LE(1, 8);
      t.writeUInt16LE(0x0112, 10);
      t.writeUInt16LE(rnd() < 0.5 ? 3 : 4, 12);
      t.writeUInt32LE(1, 14);
      t.writeUInt32LE(99 + int(rnd, 60000), 18);
      break;
    case 3: // next-IFD pointer loops back to itself
      t.writeUInt32LE(8, 4);
      t.writeUInt16LE(0, 8);
      t.writeUInt32LE(8, 10);
      break;
    case 4: // EXIF sub-IFD pointer with a huge count of RATIONALs pointing outside
      t.writeUInt32LE(8, 4);
      t.writeUInt16LE(1, 8);
      t.writeUInt16LE(0x8769, 10);
      t.writeUInt16LE(5, 12);
      t.writeUInt32LE(0x7fffffff, 14);
      t.writeUInt32LE(0xfffffff0, 18);
      break;
    default: // byte-order marker that is neither II nor MM, then noise
      t.write('XX', 0, 'latin1');
      for (let i = 2; i < t.length; i++) t[i] = int(rnd, 256);
  }
  const segment = exifSegment(t);
  // Sometimes the segment's own length field claims more than the file holds.
  if (rnd() < 0.3) segment.writeUInt16BE(0xffff, 2);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

/** Rewrites the PNG's IHDR size (with a correct CRC, so only the size is "wrong"). */
function pngDeclaring(png: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(png);
  // Signature (8) + length (4) + "IHDR" (4), then width, height.
  out.writeUInt32BE(width >>> 0, 16);
  out.writeUInt32BE(height >>> 0, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)) >>> 0, 29);
  return out;
}

/** A PNG whose first chunk after IHDR announces ~2 GB of data. */
function pngLyingChunk(rnd: Rng, png: Buffer): Buffer {
  const out = Buffer.from(png);
  out.writeUInt32BE(0x7fffffff - int(rnd, 1000), 33);
  return out;
}

function pdfBrokenXref(rnd: Rng, pdf: Buffer, variant: number): Buffer {
  const text = pdf.toString('latin1');
  const xref = text.lastIndexOf('xref');
  const startxref = text.lastIndexOf('startxref');
  switch (variant % 6) {
    case 0: {
      // every offset in the table replaced by noise
      const table = text
        .slice(xref, startxref)
        .replace(/\d{10} \d{5}/g, () => `${String(int(rnd, 1e10)).padStart(10, '0')} 00000`);
      return Buffer.from(text.slice(0, xref) + table + text.slice(startxref), 'latin1');
    }
    case 1: // startxref points into the middle of nowhere
      return Buffer.from(
        text.slice(0, startxref) + `startxref\n${int(rnd, pdf.length * 3)}\n%%EOF\n`,
        'latin1',
      );
    case 2: // the table is gone
      return Buffer.from(text.slice(0, xref) + text.slice(text.indexOf('trailer', xref)), 'latin1');
    case 3: // the object count in the subsection header lies
      return Buffer.from(
        text.replace(/xref\n0 (\d+)/, () => `xref\n0 ${1 + int(rnd, 1_000_000)}`),
        'latin1',
      );
    case 4: // trailer /Root points at an object that does not exist, /Size negative
      return Buffer.from(
        text
          .replace(/\/Root \d+ 0 R/, `/Root ${9000 + int(rnd, 1000)} 0 R`)
          .replace(/\/Size \d+/, '/Size -4'),
        'latin1',
      );
    default: // cut inside the xref table
      return pdf.subarray(0, xref + 5 + int(rnd, Math.max(1, startxref - xref)));
  }
}

/** Top-level and nested ISO-BMFF boxes of a HEIC, as [offset, size, type]. */
function heicBoxes(buf: Buffer): Array<[number, number, string]> {
  const found: Array<[number, number, string]> = [];
  const walk = (start: number, end: number, depth: number): void => {
    let at = start;
    while (at + 8 <= end) {
      const size = buf.readUInt32BE(at);
      const type = buf.toString('latin1', at + 4, at + 8);
      if (size < 8 || at + size > end) break;
      found.push([at, size, type]);
      // meta is a FullBox (4 bytes of version/flags before its children); iprp/ipco are plain containers.
      if (depth < 3 && (type === 'meta' || type === 'iprp' || type === 'ipco'))
        walk(at + 8 + (type === 'meta' ? 4 : 0), at + size, depth + 1);
      at += size;
    }
  };
  walk(0, buf.length, 0);
  return found;
}

function heicBadBox(rnd: Rng, heic: Buffer, variant: number): Buffer {
  const out = Buffer.from(heic);
  const boxes = heicBoxes(heic);
  const pick = (type: string): [number, number, string] | undefined => boxes.find((b) => b[2] === type);
  switch (variant % 6) {
    case 0: {
      const b = boxes[int(rnd, boxes.length)]!; // any box claims to be huge
      out.writeUInt32BE(0xfffffff0 - int(rnd, 1000), b[0]);
      return out;
    }
    case 1: {
      const b = boxes[int(rnd, boxes.length)]!; // size 0 ("to end of file") or 1 (64-bit size follows, garbage)
      out.writeUInt32BE(int(rnd, 2), b[0]);
      return out;
    }
    case 2: {
      const ispe = pick('ispe'); // image spatial extents: 4 billion pixels each way
      if (ispe) {
        out.writeUInt32BE(0xffffffff, ispe[0] + 12);
        out.writeUInt32BE(0xffffffff - int(rnd, 100), ispe[0] + 16);
      }
      return out;
    }
    case 3: {
      const iloc = pick('iloc'); // item locations scrambled
      if (iloc) for (let i = iloc[0] + 12; i < iloc[0] + iloc[1]; i++) out[i] = int(rnd, 256);
      return out;
    }
    case 4: {
      const b = boxes[int(rnd, boxes.length)]!; // a box renamed to something unknown
      out.write(['junk', 'mdat', 'meta', '\0\0\0\0'][int(rnd, 4)]!, b[0] + 4, 'latin1');
      return out;
    }
    default: {
      const meta = pick('meta'); // cut inside the metadata
      return meta ? heic.subarray(0, meta[0] + 8 + int(rnd, meta[1])) : truncate(rnd, heic);
    }
  }
}

const EXT: Record<string, string> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  tiff: 'tif',
  pdf: 'pdf',
  heic: 'heic',
};
const MAGIC: Record<string, Buffer> = {
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  pdf: Buffer.from('%PDF-1.7\n', 'latin1'),
  heic: Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63]),
  webp: Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'),
};

/**
 * Writes the valid seeds and ~1,100 hostile variants into `dir`. Same seed → same bytes on every machine.
 */
export async function generateFuzzInputs(
  dir: string,
  options: { seed: number; heicSeed: string },
): Promise<{ valid: FuzzInput[]; hostile: FuzzInput[] }> {
  mkdirSync(dir, { recursive: true });
  const rnd = seededRandom(options.seed);
  const seeds = await makeSeeds(options.heicSeed);
  const valid: FuzzInput[] = [];
  const hostile: FuzzInput[] = [];
  let n = 0;
  const add = (family: string, seed: string, bytes: Buffer, ext = EXT[seed] ?? 'bin'): void => {
    const path = join(dir, `${String(++n).padStart(4, '0')}-${family}-${seed}.${ext}`);
    writeFileSync(path, bytes);
    hostile.push({ path, family, seed });
  };
  for (const [name, bytes] of Object.entries(seeds)) {
    const path = join(dir, `valid-${name}.${EXT[name]}`);
    writeFileSync(path, bytes);
    valid.push({ path, family: 'valid', seed: name });
  }
  const names = Object.keys(seeds);
  for (const name of names) {
    const src = seeds[name]!;
    for (let i = 0; i < 60; i++) add('bitflip', name, bitFlips(rnd, src));
    for (let i = 0; i < 30; i++) add('truncate', name, truncate(rnd, src));
    for (let i = 0; i < 20; i++) add('zeros', name, zeroRange(rnd, src));
  }
  for (let i = 0; i < 60; i++) {
    const head = names[int(rnd, names.length)]!;
    let body = names[int(rnd, names.length)]!;
    if (body === head) body = names[(names.indexOf(head) + 1) % names.length]!;
    // Named like the header's format: the sniffer believes it, the decoder meets the other body.
    add('swapped-header', `${head}+${body}`, swapHeader(rnd, seeds[head]!, seeds[body]!), EXT[head]);
  }
  for (let i = 0; i < 60; i++)
    add('random', 'none', randomBytes(rnd, 1 + int(rnd, 65536)), ['jpg', 'png', 'pdf', 'bin'][i % 4]);
  const magicNames = Object.keys(MAGIC);
  for (let i = 0; i < 60; i++) {
    const kind = magicNames[i % magicNames.length]!;
    add('magic+random', kind, randomBytes(rnd, 64 + int(rnd, 32768), MAGIC[kind]));
  }
  for (let i = 0; i < 10; i++)
    add('all-zero', 'none', Buffer.alloc(1 + int(rnd, 100_000)), ['jpg', 'png', 'pdf', 'heic', 'bin'][i % 5]);
  add('empty', 'none', Buffer.alloc(0), 'jpg');
  for (let i = 0; i < 60; i++) add('jpeg-bad-exif', 'jpeg', jpegBadExif(rnd, seeds.jpeg!, i));
  const hugeSizes: Array<[number, number]> = [
    [50_000, 50_000],
    [50_000, 50_000],
    [65_535, 65_535],
    [0x7fffffff, 1],
    [1, 0x7fffffff],
    [0, 0],
    [0xffffffff, 0xffffffff],
    [100_000, 3],
  ];
  for (const [w, h] of hugeSizes) add('png-huge', 'png', pngDeclaring(seeds.png!, w, h));
  for (let i = 0; i < 12; i++)
    add('png-huge+bitflip', 'png', bitFlips(rnd, pngDeclaring(seeds.png!, 50_000, 50_000)));
  for (let i = 0; i < 10; i++) add('png-lying-chunk', 'png', pngLyingChunk(rnd, seeds.png!));
  for (let i = 0; i < 48; i++) add('pdf-broken-xref', 'pdf', pdfBrokenXref(rnd, seeds.pdf!, i));
  for (let i = 0; i < 60; i++) add('heic-bad-box', 'heic', heicBadBox(rnd, seeds.heic!, i));
  return { valid, hostile };
}
