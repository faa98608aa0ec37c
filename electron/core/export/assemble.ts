// The PDF itself, from prepared documents: the bundle's own sheets (cover, checklist, pledge, sources
// appendix), every document page fitted into the content box, the running header on every sheet, the
// outline (bookmarks) and the metadata. Nothing slow happens here: every photo is already a JPEG.
import { PDFDocument, type PDFEmbeddedPage, type PDFImage, type PDFPage } from 'pdf-lib';
import { kindLabel } from '../../../shared/domain';
import { embedCjkFonts, type BundleFonts } from './font';
import { A4, CONTENT_BOX } from './layout';
import { addOutline, type OutlineItem } from './outline';
import { PHOTO_DPI, type PreparedDocument, type PreparedPage } from './prepare';
import { checklistSheetCount, drawChecklist, type DocumentLocation } from './sheets/checklist';
import { drawCover } from './sheets/cover';
import { drawPledge } from './sheets/pledge';
import { drawRunningHeader } from './sheets/running-header';
import { drawSourcesAppendix, sourcesSheetCount } from './sheets/sources';
import { summarizeVerdict } from './sheets/verdict';
import type { BundleInput, BundledDocumentPages } from './types';

export interface AssembledBundle {
  bytes: Uint8Array;
  pageCount: number;
  documents: BundledDocumentPages[];
}

interface PageNumbers {
  /** Where each document (by its index in the claim) starts and ends in the bundle. */
  locations: Map<number, DocumentLocation>;
  pledgePage: number;
  pageCount: number;
}

/**
 * The bundle's page numbers: cover, checklist, pledge, the documents, the sources appendix. Where the
 * documents start depends on how long the checklist is, which depends on the page numbers it prints:
 * iterate until its length is stable (it settles on the first or second pass).
 */
function numberPages(fonts: BundleFonts, input: BundleInput, docs: readonly PreparedDocument[]): PageNumbers {
  let checklistSheets = 1;
  let locations = new Map<number, DocumentLocation>();
  for (let pass = 0; pass < 4; pass++) {
    let next = 1 + checklistSheets + 1 + 1;
    locations = new Map(
      docs.map((d) => {
        const loc = {
          ordinal: d.ordinal,
          kind: d.doc.kind,
          firstPage: next,
          lastPage: next + d.pages.length - 1,
          photoFailed: d.doc.files.some((f) => f.quality?.verdict === 'fail'),
        };
        next += d.pages.length;
        return [d.index, loc];
      }),
    );
    const measured = checklistSheetCount(fonts, input, {
      documents: locations,
      pledgePage: 1 + checklistSheets + 1,
    });
    if (measured === checklistSheets) break;
    checklistSheets = measured;
  }
  const documentPages = docs.reduce((s, d) => s + d.pages.length, 0);
  return {
    locations,
    pledgePage: 1 + checklistSheets + 1,
    pageCount: 1 + checklistSheets + 1 + documentPages + sourcesSheetCount(fonts, input),
  };
}

/** Each source PDF's pages embedded once per document, each photo's JPEG embedded once. */
async function embedDocumentPages(
  pdf: PDFDocument,
  docs: readonly PreparedDocument[],
  jpegs: ReadonlyMap<PreparedPage, Buffer>,
): Promise<{ pdfPages: Map<PreparedPage, PDFEmbeddedPage>; images: Map<PreparedPage, PDFImage> }> {
  const pdfPages = new Map<PreparedPage, PDFEmbeddedPage>();
  for (const d of docs) {
    const byPdf = new Map<PDFDocument, Array<PreparedPage & { type: 'pdf' }>>();
    for (const p of d.pages) if (p.type === 'pdf') byPdf.set(p.pdf, [...(byPdf.get(p.pdf) ?? []), p]);
    for (const [src, pages] of byPdf) {
      const list = await pdf.embedPdf(
        src,
        pages.map((p) => p.pageIndex),
      );
      pages.forEach((p, i) => pdfPages.set(p, list[i]!));
    }
  }
  const images = new Map<PreparedPage, PDFImage>();
  for (const [p, jpeg] of jpegs) images.set(p, await pdf.embedJpg(jpeg));
  return { pdfPages, images };
}

/** One document page on its own sheet: a photo centred at its print size, a PDF page from the top. */
function placePage(
  sheet: PDFPage,
  p: PreparedPage,
  embedded: { pdfPages: Map<PreparedPage, PDFEmbeddedPage>; images: Map<PreparedPage, PDFImage> },
): void {
  const box = CONTENT_BOX;
  if (p.type === 'photo') {
    const img = embedded.images.get(p)!;
    const natural = { w: (img.width / PHOTO_DPI) * 72, h: (img.height / PHOTO_DPI) * 72 };
    const scale = Math.min(box.width / natural.w, box.height / natural.h, 1);
    const w = natural.w * scale;
    const h = natural.h * scale;
    sheet.drawImage(img, {
      x: box.x + (box.width - w) / 2,
      y: box.y + (box.height - h) / 2,
      width: w,
      height: h,
    });
  } else {
    const emb = embedded.pdfPages.get(p)!;
    const scale = Math.min(box.width / emb.width, box.height / emb.height, 1);
    const w = emb.width * scale;
    const h = emb.height * scale;
    sheet.drawPage(emb, { x: box.x + (box.width - w) / 2, y: box.y + box.height - h, width: w, height: h });
  }
}

/** Title, subject, author and dates a PDF reader shows; the creation date is the export's day. */
function describe(pdf: PDFDocument, input: BundleInput, reference: string, producer: string): void {
  const { claim } = input;
  pdf.setTitle(`医保报销材料 · ${claim.claimant.name} · ${claim.hospital}`, { showInWindowTitleBar: true });
  pdf.setSubject(`${reference} 医保手工报销申请材料包`);
  pdf.setAuthor(claim.applicant.relation === 'self' ? claim.claimant.name : claim.applicant.name);
  pdf.setKeywords(['医保', '报销', reference]);
  pdf.setCreator('ClaimDesk 报销材料助手');
  pdf.setProducer(producer);
  pdf.setLanguage('zh-CN');
  const made = new Date(`${input.today}T00:00:00Z`);
  if (!Number.isNaN(made.getTime())) {
    pdf.setCreationDate(made);
    pdf.setModificationDate(made);
  }
}

/** Lays the whole bundle out and saves it to bytes. */
export async function assembleBundle(
  input: BundleInput,
  docs: readonly PreparedDocument[],
  jpegs: ReadonlyMap<PreparedPage, Buffer>,
  options: { reference: string; producer: string },
): Promise<AssembledBundle> {
  const { reference, producer } = options;
  const pdf = await PDFDocument.create();
  const fonts = await embedCjkFonts(pdf);
  const { locations, pledgePage, pageCount } = numberPages(fonts, input, docs);

  const cover = drawCover(pdf, fonts, input, {
    reference,
    verdict: summarizeVerdict(input),
    docCount: docs.length,
    pageCount,
    contents: docs.map((d) => locations.get(d.index)!),
  });
  const checklist = drawChecklist(pdf, fonts, input, { documents: locations, pledgePage });
  const pledge = drawPledge(pdf, fonts, input);
  // What the footer of each sheet says it is, in sheet order.
  const labels: string[] = [
    '封面',
    ...checklist.map((_s, i) => (i === 0 ? '材料清单' : `材料清单（续 ${i + 1}）`)),
    '诚信承诺书（请签名）',
  ];

  const embedded = await embedDocumentPages(pdf, docs, jpegs);
  const outlineDocs: OutlineItem[] = [];
  const bundled: BundledDocumentPages[] = [];
  for (const d of docs) {
    const sheets = d.pages.map((p, i) => {
      const sheet = pdf.addPage([A4.width, A4.height]);
      placePage(sheet, p, embedded);
      labels.push(`材料 ${d.ordinal}/${docs.length} · ${kindLabel(d.doc.kind)} · 第${i + 1}页`);
      return sheet;
    });
    const loc = locations.get(d.index)!;
    bundled.push({
      index: d.index,
      ordinal: d.ordinal,
      kind: d.doc.kind,
      firstPage: loc.firstPage,
      lastPage: loc.lastPage,
      straightened: d.pages.filter((p) => p.type === 'photo' && p.straightened).length,
    });
    const pagesOfDoc = d.pages.length > 1 ? `（${d.pages.length} 页）` : '';
    outlineDocs.push({
      title: `材料 ${d.ordinal} · ${kindLabel(d.doc.kind)}${pagesOfDoc}`,
      page: sheets[0]!,
    });
  }

  // Policy sources at the very end: the reviewer's checklist stays about the papers.
  const appendix = drawSourcesAppendix(pdf, fonts, input);
  appendix.forEach((_s, i) => labels.push(i === 0 ? '附录：政策依据' : `附录：政策依据（续 ${i + 1}）`));

  const { claim } = input;
  pdf.getPages().forEach((sheet, i) => {
    drawRunningHeader(sheet, fonts, {
      reference,
      claimantName: claim.claimant.name,
      hospital: claim.hospital,
      label: labels[i] ?? '',
      pageNo: i + 1,
      pageCount,
    });
  });

  const outline: OutlineItem[] = [
    { title: '封面', page: cover },
    { title: '材料清单', page: checklist[0]! },
    { title: '诚信承诺书', page: pledge },
  ];
  if (outlineDocs.length)
    outline.push({
      title: `申报材料（${docs.length} 份）`,
      page: outlineDocs[0]!.page,
      children: outlineDocs,
    });
  outline.push({ title: '附录：政策依据', page: appendix[0]! });
  addOutline(pdf, outline);

  describe(pdf, input, reference, producer);
  const bytes = await pdf.save({ useObjectStreams: true });
  return { bytes, pageCount, documents: bundled };
}
