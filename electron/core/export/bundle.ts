// exportClaimBundle: one PDF a reviewer reads top to bottom (cover, checklist, pledge, every document in
// checklist order with bookmarks and running headers), optionally with upload-ready JPEGs, written
// atomically. Every file is prepared first (./prepare.ts: the slow decoding and encoding), then the PDF is
// assembled within the size budget (./assemble.ts), the upload images rendered (./upload-images.ts), and
// everything written under temporary names and renamed.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ClaimDeskError, describeFsError } from '../errors';
import { assembleBundle, type AssembledBundle } from './assemble';
import { assertWritableFolder, commitOutputs, discardOutputs, stageOutput } from './output';
import { encodeWithinBudget, MIN_PHOTO_DPI, prepareDocuments, sourcePdfBytes } from './prepare';
import {
  DEFAULT_MAX_BUNDLE_BYTES,
  DEFAULT_MAX_IMAGE_BYTES,
  DEFAULT_MAX_IMAGE_LONG_SIDE,
  type BundleInput,
  type BundleOptions,
  type BundleResult,
} from './types';
import { renderUploadImages } from './upload-images';

/** Documents in checklist order: those satisfying the first requirement first; unmatched ones at the end. */
export function orderDocuments(input: BundleInput): number[] {
  const order: number[] = [];
  const seen = new Set<number>();
  for (const i of input.order ?? []) {
    if (Number.isInteger(i) && i >= 0 && i < input.documents.length && !seen.has(i)) {
      seen.add(i);
      order.push(i);
    }
  }
  for (const r of input.evaluation.requirements) {
    for (const i of r.documents ?? []) {
      if (i >= 0 && i < input.documents.length && !seen.has(i)) {
        seen.add(i);
        order.push(i);
      }
    }
  }
  input.documents.forEach((_d, i) => {
    if (!seen.has(i)) order.push(i);
  });
  return order;
}

/** A short, stable reference for the claim: the same claim gives the same reference on every export. */
export function claimReference(input: BundleInput): string {
  const claim = input.claim;
  const { claimant } = claim;
  const key = [
    claimant.idNumber,
    claim.hospital,
    claim.admissionDate ?? claim.visitDate ?? '',
    claim.dischargeDate ?? '',
  ].join('|');
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 6).toUpperCase();
  const day = (claim.dischargeDate ?? claim.visitDate ?? claim.admissionDate ?? input.today).replaceAll(
    '-',
    '',
  );
  return `CD-${day}-${hash}`;
}

export async function exportClaimBundle(input: BundleInput, options: BundleOptions): Promise<BundleResult> {
  const started = performance.now();
  const out = resolve(options.out);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BUNDLE_BYTES;
  const warnings: string[] = [];
  if (!(maxBytes > 0))
    throw new ClaimDeskError('invalid_input', '材料包大小上限必须大于 0', 'max size must be positive', {
      field: 'maxMb',
    });
  await assertWritableFolder(dirname(out));
  const imagesDir = options.imagesDir ? resolve(options.imagesDir) : undefined;
  if (imagesDir) {
    try {
      await mkdir(imagesDir, { recursive: true });
    } catch (err) {
      throw describeFsError(err, imagesDir, { zh: '创建图片文件夹', en: 'create the images folder' });
    }
    await assertWritableFolder(imagesDir);
  }

  const timings: Record<string, number> = {};
  let lap = performance.now();
  const time = (phase: string) => {
    const now = performance.now();
    timings[phase] = Math.round((timings[phase] ?? 0) + now - lap);
    lap = now;
  };
  const order = orderDocuments(input);
  const docs = await prepareDocuments(input, order, options.onProgress);
  time('decode');
  const pdfBytes = await sourcePdfBytes(docs);
  const assembly = {
    reference: input.reference ?? claimReference(input),
    producer: options.producer ?? 'ClaimDesk',
  };

  // Encode photos within their share of the budget; if the finished PDF still overshoots (the overhead
  // estimate was low), shrink every share by the overshoot and encode again, at most twice.
  let budgetScale = 1;
  let laid: AssembledBundle | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const jpegs = await encodeWithinBudget(docs, maxBytes * budgetScale, pdfBytes);
    time('encode');
    laid = await assembleBundle(input, docs, jpegs, assembly);
    time('layout');
    if (laid.bytes.length <= maxBytes) break;
    budgetScale *= (maxBytes / laid.bytes.length) * 0.97;
  }
  if (!laid) throw new Error('unreachable');
  if (laid.bytes.length > maxBytes) {
    warnings.push(
      `材料包 ${(laid.bytes.length / 1048576).toFixed(1)} MB，超过上限 ${(maxBytes / 1048576).toFixed(1)} MB：照片已降到 ${MIN_PHOTO_DPI} dpi 仍放不下，请减少页数或提高上限`,
    );
  }

  const uploads = imagesDir
    ? await renderUploadImages(
        docs,
        options.imageMaxBytes ?? DEFAULT_MAX_IMAGE_BYTES,
        options.imageMaxLongSide ?? DEFAULT_MAX_IMAGE_LONG_SIDE,
        warnings,
      )
    : [];
  time('images');

  // Everything is ready in memory: write temp files, then rename them all.
  const pending: Array<{ temp: string; target: string }> = [];
  try {
    pending.push({ temp: await stageOutput(out, laid.bytes), target: out });
    for (const u of uploads) {
      const target = join(imagesDir!, u.name);
      pending.push({ temp: await stageOutput(target, u.jpeg), target });
    }
  } catch (err) {
    await discardOutputs(pending.map((p) => p.temp));
    throw err;
  }
  await commitOutputs(pending);
  time('write');

  return {
    output: out,
    bytes: laid.bytes.length,
    pages: laid.pageCount,
    documents: laid.documents,
    images: uploads.map((u) => join(imagesDir!, u.name)),
    warnings,
    elapsedMs: Math.round(performance.now() - started),
    timings,
  };
}
