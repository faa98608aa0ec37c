// PDF page rendering in-process (PDF.js on @napi-rs/canvas, electron/core/pdf/render.ts) beside Debian's
// pdftoppm on the same pages at the same dpi in the same run. pdftoppm is timed as the export used to call
// it (one process per PDF, PNG written to disk); ours as the export calls it now (document opened once,
// pages to raw RGBA). One render first warms up: under tsx (how the bench runs) loading PDF.js costs
// tens of seconds of tsx transforming it, which the built CLI and the app never pay (~2 s there).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { openPdfForRendering, renderPdfPage } from '../electron/core/pdf/render';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REPO = fileURLToPath(new URL('..', import.meta.url));
const DPI = 200; // the upload images' resolution (export/bundle.ts)

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** An A4 scan: one 150 dpi JPEG filling the page, as a scanner app writes it. */
async function scannedA4(dir: string): Promise<string> {
  const jpeg = await sharp(join(REPO, 'resources', 'samples', 'diagnosis.jpg'))
    .rotate()
    .resize(1240, 1754, { fit: 'fill' })
    .jpeg({ quality: 85 })
    .toBuffer();
  const doc = await PDFDocument.create();
  const img = await doc.embedJpg(jpeg);
  doc.addPage([595.28, 841.89]).drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
  const path = join(dir, 'scanned-a4.pdf');
  writeFileSync(path, await doc.save());
  return path;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-bench-pdf-'));
  try {
    const cases = [
      {
        name: 'e-invoice page 1 (vector text, embedded CJK fonts, QR image)',
        file: join(REPO, 'resources', 'samples', 'e-invoice.pdf'),
        page: 0,
      },
      { name: 'A4 scanned page (one JPEG)', file: await scannedA4(dir), page: 0 },
    ];
    await renderPdfPage(cases[0]!.file, 0, DPI);
    const hasPoppler = spawnSync('pdftoppm', ['-v']).error === undefined;
    console.log(`| page at ${DPI} dpi | ours (median of ${ROUNDS}) | pdftoppm | ours / pdftoppm |`);
    console.log('|---|---|---|---|');
    for (const c of cases) {
      const ours: number[] = [];
      const theirs: number[] = [];
      let size = '';
      for (let r = 0; r < ROUNDS; r++) {
        const s = performance.now();
        const pdf = await openPdfForRendering(c.file);
        const page = await pdf.renderPage(c.page, DPI);
        await pdf.close();
        ours.push(performance.now() - s);
        size = `${page.width}×${page.height}`;
        if (hasPoppler) {
          const p = performance.now();
          const res = spawnSync('pdftoppm', [
            '-r',
            String(DPI),
            '-f',
            '1',
            '-l',
            '1',
            '-png',
            '-singlefile',
            c.file,
            join(dir, 'ref'),
          ]);
          if (res.status !== 0) throw new Error(`pdftoppm failed: ${String(res.stderr)}`);
          theirs.push(performance.now() - p);
        }
      }
      const o = median(ours);
      const t = hasPoppler ? median(theirs) : NaN;
      console.log(
        `| ${c.name}, ${size} | ${o.toFixed(0)} ms | ${hasPoppler ? `${t.toFixed(0)} ms` : 'not installed'} | ${hasPoppler ? `${(o / t).toFixed(2)}×` : '–'} |`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
