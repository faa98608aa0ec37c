// PDF documents (e-invoices, hospital printouts) in the bundle: every page is embedded into an A4 page of
// the bundle as a form XObject, so its text stays text (searchable, crisp) and gets our header/footer.
// For upload-ready images a PDF page must become pixels: pure Node has no PDF renderer, so we call
// poppler's `pdftoppm` (or MuPDF's `mutool`) when installed, as a separate process (no licence coupling).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { ClaimDeskError, describeFsError } from '../errors';
import { isProcessAlive } from '../files/atomic';

const run = promisify(execFile);

const RASTER_DIR_PREFIX = 'claimdesk-raster-';

/** Removes rasterising folders in the temp dir whose export process was killed before cleaning up. */
async function removeStaleRasterDirs(): Promise<void> {
  let names: string[];
  try {
    names = await readdir(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(new RegExp(`^${RASTER_DIR_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid <= 0 || isProcessAlive(pid)) continue;
    await rm(join(tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
  }
}

export async function loadSourcePdf(path: string): Promise<PDFDocument> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw describeFsError(err, path, { zh: '读取 PDF', en: 'read the PDF' });
  }
  let pdf: PDFDocument;
  let pages: number;
  try {
    pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    // pdf-lib parses leniently; a file without a usable page tree only fails when pages are asked for.
    pages = pdf.getPageCount();
    pdf.getPages().forEach((p) => p.getSize());
  } catch (err) {
    const encrypted = /encrypt/i.test((err as Error)?.message ?? '');
    throw new ClaimDeskError(
      'file_unreadable',
      encrypted
        ? `PDF 已加密，无法合并：${path}。请导出一份未加密的 PDF`
        : `无法读取 PDF（文件可能已损坏）：${path}`,
      encrypted ? `PDF is encrypted and cannot be merged: ${path}` : `cannot parse PDF (corrupt?): ${path}`,
      { field: path, cause: err },
    );
  }
  if (pages === 0) {
    throw new ClaimDeskError('file_unreadable', `PDF 没有页面：${path}`, `PDF has no pages: ${path}`, {
      field: path,
    });
  }
  return pdf;
}

export type PdfRasterizer = 'pdftoppm' | 'mutool';

let rasterizerProbe: Promise<PdfRasterizer | null> | undefined;

/** Which PDF renderer is installed, probed once. */
export function findPdfRasterizer(): Promise<PdfRasterizer | null> {
  rasterizerProbe ??= (async () => {
    for (const [tool, args] of [
      ['pdftoppm', ['-v']],
      ['mutool', ['-v']],
    ] as const) {
      try {
        await run(tool, [...args], { timeout: 10_000 });
        return tool;
      } catch (err) {
        // pdftoppm -v exits 0 and mutool -v exits 1; only "not found" means absent.
        if (
          (err as NodeJS.ErrnoException).code !== 'ENOENT' &&
          typeof (err as { code?: unknown }).code === 'number'
        )
          return tool;
      }
    }
    return null;
  })();
  return rasterizerProbe;
}

/** Renders every page of a PDF at `dpi` to PNG buffers, in page order. */
export async function rasterizePdf(path: string, dpi: number): Promise<Buffer[]> {
  const tool = await findPdfRasterizer();
  if (!tool) {
    throw new ClaimDeskError(
      'export_failed',
      `本机没有安装 PDF 渲染工具（poppler 的 pdftoppm 或 mutool），无法把 PDF 转成上传用图片：${path}。PDF 仍已合并进材料包`,
      `no PDF renderer (pdftoppm or mutool) installed; cannot turn ${path} into upload images`,
      { field: path },
    );
  }
  await removeStaleRasterDirs();
  // The pid in the name lets a later export clean up after one that was killed mid-way.
  const dir = await mkdtemp(join(tmpdir(), `${RASTER_DIR_PREFIX}${process.pid}-`));
  try {
    if (tool === 'pdftoppm') {
      await run('pdftoppm', ['-r', String(dpi), '-png', path, join(dir, 'p')], { timeout: 120_000 });
    } else {
      await run('mutool', ['draw', '-q', '-r', String(dpi), '-o', join(dir, 'p-%04d.png'), path], {
        timeout: 120_000,
      });
    }
    // pdftoppm pads page numbers to the page count's width; sort numerically to be safe either way.
    const files = (await readdir(dir)).filter((f) => f.endsWith('.png'));
    files.sort((a, b) => Number(a.match(/(\d+)\.png$/)?.[1]) - Number(b.match(/(\d+)\.png$/)?.[1]));
    return await Promise.all(files.map((f) => readFile(join(dir, f))));
  } catch (err) {
    if (err instanceof ClaimDeskError) throw err;
    throw new ClaimDeskError(
      'export_failed',
      `PDF 转图片失败：${path}`,
      `rasterizing PDF failed: ${path}: ${(err as Error).message}`,
      {
        field: path,
        cause: err,
      },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
