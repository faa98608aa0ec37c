// The claim's papers as evidence: photos that failed their check, invoices used twice, and the invoice QR
// readings handed to the cross-document checks.
import { DOCUMENT_KIND_LABELS } from '../../../shared/domain';
import type { Fields } from '../../../shared/fields';
import { findingText } from '../../../shared/quality';
import { invoiceLabel } from '../invoices/parse';
import type { CrossDocument, CrossPage } from './cross-document';
import type { ClaimFacts, EvaluatedDocument, InvoiceEvidence } from './facts';
import { push, type ProblemSink } from './sink';

export function checkQuality(documents: readonly EvaluatedDocument[], sink: ProblemSink): void {
  for (const doc of documents) {
    for (const page of doc.pages) {
      const q = page.quality;
      if (!q || q.verdict === 'pass') continue;
      const findings = q.findings.filter((f) => (q.verdict === 'fail' ? f.severity === 'error' : true));
      const messages = findings.map((f) => f.message);
      const label = DOCUMENT_KIND_LABELS[doc.kind];
      push(sink, {
        code: 'document_quality',
        severity: q.verdict === 'fail' ? 'error' : 'warning',
        field: page.field,
        message: `${label.zh}（${page.name}）：${messages.join('；') || '照片检查未通过'}`,
        // The check's advice in English (shared/quality.ts), never its code names.
        messageEn: `${label.en} (${page.name}): ${
          findings.map((f) => findingText(f, 'en')).join(' ') ||
          (q.verdict === 'fail' ? 'the photo did not pass the check.' : 'the photo may be hard to read.')
        }`,
      });
    }
  }
}

export function checkInvoices(invoices: readonly InvoiceEvidence[], sink: ProblemSink): void {
  // "本单第 1 份发票 a.jpg": the paper as the person numbered it, never a field path.
  const invoiceDocs = [...new Set(invoices.map((i) => i.documentIndex))];
  const byField = new Map(invoices.map((i) => [i.field, i]));
  const paperOf = (inv: InvoiceEvidence) => ({
    zh: `本单第 ${invoiceDocs.indexOf(inv.documentIndex) + 1} 份发票 ${inv.name}`,
    en: `invoice ${invoiceDocs.indexOf(inv.documentIndex) + 1} of this claim (${inv.name})`,
  });
  for (const inv of invoices) {
    for (const dup of inv.duplicates) {
      const who = dup.claimantName ? `（${dup.claimantName}）` : '';
      const whoEn = dup.claimantName ? ` (${dup.claimantName})` : '';
      if (dup.by === 'qr') {
        push(sink, {
          code: 'duplicate_invoice',
          severity: 'error',
          field: inv.field,
          message: `这张发票（${inv.name}）已在报销单 ${dup.claimReference}${who} 中用过：二维码相同${inv.parsed ? `，${invoiceLabel(inv.parsed)}` : ''}。同一张发票不能重复报销，请核对`,
          messageEn: `This invoice (${inv.name}) is already in claim ${dup.claimReference}${whoEn}: the QR code is the same. One invoice cannot be claimed twice; please check`,
        });
      } else {
        // Same-layout invoices of one hospital look alike at hash size, so a photo match alone is a warning.
        push(sink, {
          code: 'duplicate_invoice',
          severity: dup.identicalFile ? 'error' : 'warning',
          field: inv.field,
          message: dup.identicalFile
            ? `这张发票（${inv.name}）和报销单 ${dup.claimReference}${who} 里的发票是同一个文件。同一张发票不能重复报销，请核对`
            : `这张发票（${inv.name}）的照片和报销单 ${dup.claimReference}${who} 里的一张发票几乎完全相同，疑似同一张发票重复报销，请核对`,
          messageEn: dup.identicalFile
            ? `This invoice (${inv.name}) is the very same file as one in claim ${dup.claimReference}${whoEn}. One invoice cannot be claimed twice; please check`
            : `This invoice photo (${inv.name}) is nearly identical to one in claim ${dup.claimReference}${whoEn}; it may be the same invoice claimed twice. Please check`,
        });
      }
    }
    if (inv.repeatOf) {
      const first = byField.get(inv.repeatOf);
      // An e-invoice's PDF and the photo of its stamped printout share the QR code: that is the printout the
      // guide asks for (电子发票需加盖医院鲜章), not the same invoice twice. It is still counted once in totals.
      if (first && first.pdf !== undefined && inv.pdf !== undefined && first.pdf !== inv.pdf) continue;
      const other = first ? paperOf(first) : { zh: '本单的另一份发票', en: 'another invoice of this claim' };
      push(sink, {
        code: 'duplicate_invoice',
        severity: 'error',
        field: inv.field,
        message: `这张发票（${inv.name}）与${other.zh} 重复，是同一张发票，请删除重复的一份`,
        messageEn: `This invoice (${inv.name}) repeats ${other.en}; remove the duplicate`,
      });
    }
  }
  // The claimed total vs the invoices is a cross-document check now (cross-document.ts), with the QR amounts
  // as readings (invoiceReadings below).
}

export function crossClaimOf(c: ClaimFacts) {
  return {
    name: c.claimant.name,
    idNumber: c.claimant.idNumber,
    careSetting: c.careSetting,
    visitDate: c.visitDate,
    admissionDate: c.admissionDate,
    dischargeDate: c.dischargeDate,
    hospital: c.hospital,
    totalAmount: c.totalAmount,
    relativeApplicant:
      c.applicant.relation === 'self' ? null : { name: c.applicant.name, idNumber: c.applicant.idNumber },
  };
}

/**
 * The documents with what each invoice's QR code says added as readings: exact digits, so they win over
 * OCR, but a value the person typed still wins over them. Invoice evidence whose document is not in the
 * list (a caller that passes only invoices) becomes a document of its own so its amount still counts.
 */
export function invoiceReadings(
  documents: readonly EvaluatedDocument[],
  invoices: readonly InvoiceEvidence[],
): CrossDocument[] {
  const byField = new Map(invoices.map((i) => [i.field, i]));
  const docs: Array<CrossDocument & { pages: CrossPage[] }> = documents.map((d) => ({
    index: d.index,
    kind: d.kind,
    pages: d.pages.map((p) => ({ field: p.field, name: p.name, fields: p.fields })),
  }));
  const known = new Set(docs.flatMap((d) => d.pages.map((p) => p.field)));
  for (const inv of invoices) {
    if (known.has(inv.field)) continue;
    let doc = docs.find((d) => d.index === inv.documentIndex && d.kind === 'invoice');
    if (!doc) {
      doc = { index: inv.documentIndex, kind: 'invoice', pages: [] };
      docs.push(doc);
    }
    doc.pages.push({ field: inv.field, name: inv.name });
  }
  for (const doc of docs) {
    if (doc.kind !== 'invoice') continue;
    doc.pages = doc.pages.map((p) => {
      const inv = byField.get(p.field);
      if (!inv) return p;
      const fields: Fields = { ...p.fields };
      const fromQr = (name: string, value: string | number | null) => {
        if (value === null || fields[name]?.source === 'person') return;
        fields[name] = { value, confidence: 1, source: 'qr' };
      };
      fromQr('totalAmount', inv.parsed?.amount ?? null);
      fromQr('issueDate', inv.parsed?.issueDate ?? null);
      return { ...p, fields, repeatOf: inv.repeatOf };
    });
  }
  return docs.sort((a, b) => a.index - b.index);
}
