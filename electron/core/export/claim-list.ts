// The board's selection as a spreadsheet a clerk can sort, sum and hand on: `.xlsx` (a real number for the
// amount, shown as ¥12,345.67) or CSV with a UTF-8 BOM, so Excel on a Chinese Windows reads the text as UTF-8
// rather than GBK. Written here in core, to a path main got from the save dialog; the renderer never touches
// the file system. The workbook is built by exceljs, not hand-written XML.
import { formatYuan } from '../../../shared/money';
import ExcelJS from 'exceljs';
import { CLAIM_STATUS_LABELS, isReadOnlyStatus } from '../../../shared/lifecycle';
import { maskDigits } from '../../../shared/validators';
import { claimDeadline, evaluateStoredClaim } from '../claim-evaluation';
import { getClaim, getPerson } from '../repo';
import type { Workspace } from '../workspace';
import { writeOutputFile } from './output';

export const CLAIM_LIST_FORMATS = ['xlsx', 'csv'] as const;
export type ClaimListFormat = (typeof CLAIM_LIST_FORMATS)[number];

export const CLAIM_LIST_HEADERS = [
  '参考号',
  '姓名',
  '身份证尾号',
  '医院',
  '就诊/出院日期',
  '金额',
  '状态',
  '截止日期',
  '缺几项',
] as const;

export interface ClaimListRow {
  reference: string;
  name: string;
  /** Masked: only the last 4 characters shown. */
  idTail: string;
  hospital: string;
  /** Discharge date for an inpatient stay, visit date otherwise; '' when unknown. */
  careDate: string;
  amount: number | null;
  status: string;
  /** '' once the claim is handed in (no deadline to meet) or the care date is unknown. */
  deadline: string;
  /** Requirements still missing a paper; null for finished claims (nothing left to bring). */
  missing: number | null;
}

/** One row per claim, in the order given (the board's order). */
export async function claimListRows(
  ws: Workspace,
  claimIds: readonly number[],
  today: string,
): Promise<ClaimListRow[]> {
  const rows: ClaimListRow[] = [];
  for (const id of claimIds) {
    const claim = getClaim(ws.db, id);
    const f = claim.fields;
    const person = getPerson(ws.db, f.claimantId);
    const finished = isReadOnlyStatus(claim.status);
    const missing = finished
      ? null
      : (await evaluateStoredClaim(ws, id, { today })).requirements.filter((r) => r.status === 'missing')
          .length;
    rows.push({
      reference: claim.reference,
      name: claim.claimantName,
      idTail: maskDigits(person.idNumber),
      hospital: f.hospital,
      careDate: (f.careSetting === 'inpatient' ? f.dischargeDate : f.visitDate) ?? '',
      amount: f.totalAmount,
      status: CLAIM_STATUS_LABELS[claim.status].zh,
      deadline: claimDeadline(ws, claim, today, person.insuredRegion)?.date ?? '',
      missing,
    });
  }
  return rows;
}

function sheetOf(rows: readonly ClaimListRow[], format: ClaimListFormat): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ClaimDesk';
  const ws = wb.addWorksheet('报销清单');
  ws.columns = CLAIM_LIST_HEADERS.map((header, i) => ({
    header,
    width: [16, 10, 22, 28, 14, 14, 10, 12, 8][i] ?? 12,
  }));
  for (const r of rows) {
    ws.addRow([
      r.reference,
      r.name,
      r.idTail,
      r.hospital,
      r.careDate,
      // In the workbook a number Excel can sum, shown as ¥12,345.67; in CSV the text itself.
      r.amount === null ? '' : format === 'xlsx' ? r.amount : formatYuan(r.amount),
      r.status,
      r.deadline,
      r.missing ?? '',
    ]);
  }
  if (format === 'xlsx') {
    ws.getColumn(6).numFmt = '"¥"#,##0.00';
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return wb;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The file's bytes: an .xlsx workbook, or CSV starting with a UTF-8 BOM. */
export async function claimListBytes(
  rows: readonly ClaimListRow[],
  format: ClaimListFormat,
): Promise<Uint8Array> {
  const wb = sheetOf(rows, format);
  if (format === 'xlsx') return new Uint8Array(await wb.xlsx.writeBuffer());
  const csv = Buffer.from(await wb.csv.writeBuffer());
  return new Uint8Array(Buffer.concat([UTF8_BOM, csv]));
}

/** Writes the list for the given claims to `outFile` (atomically: a failed write leaves no half file). */
export async function writeClaimList(
  ws: Workspace,
  claimIds: readonly number[],
  format: ClaimListFormat,
  outFile: string,
  today: string,
): Promise<{ rows: number; bytes: number }> {
  const rows = await claimListRows(ws, claimIds, today);
  const bytes = await claimListBytes(rows, format);
  await writeOutputFile(outFile, bytes);
  return { rows: rows.length, bytes: bytes.byteLength };
}
