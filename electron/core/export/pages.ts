// The pages ClaimDesk writes itself: cover, checklist and integrity pledge, plus the running header and
// footer stamped on every page. Layout is plain and large enough to read on paper; all text is real text
// in the embedded CJK font, so it prints crisply and can be searched and copied.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import {
  CARE_SETTING_LABELS,
  kindLabel,
  FILING_TYPE_LABELS,
  INSURANCE_TYPE_LABELS,
  APPLICANT_RELATION_LABELS,
  type DocumentKind,
} from '../../../shared/domain';
import { formatDateZh } from '../../../shared/dates';
import type { Problem, ReminderResult, RequirementResult } from '../../../shared/evaluation';
import { SOURCES_NOTE } from '../../../shared/rules';
import { formatYuan as formatYuanShared } from '../../../shared/money';
import { maskDigits, maskIdNumber } from '../../../shared/validators';
import { resourcesDir } from '../paths';
import type { BundleFonts } from './font';
import {
  A4,
  BAD_RED,
  FOOTER_BAND,
  HEADER_BAND,
  INK,
  MARGIN_X,
  MUTED,
  OK_GREEN,
  RULE,
  WARN_AMBER,
  drawAttentionMark,
  drawCheckMark,
  drawCrossMark,
  drawParagraph,
  textWidth,
  lineHeight,
  paragraphHeight,
  type TextStyle,
} from './layout';
import type { BundleInput } from './types';

const CONTENT_WIDTH = A4.width - 2 * MARGIN_X;
const TOP = A4.height - HEADER_BAND - 14;
const BOTTOM = FOOTER_BAND + 16;

/** One masking rule for screens and PDF (shared/validators.ts); re-exported for the export's callers. */
export { maskIdNumber };

/** ¥12,345.67 元: the app's one formatter (shared/money.ts) with the unit printed papers carry. */
export function formatYuan(amount: number): string {
  return `${formatYuanShared(amount)} 元`;
}

// ---------------------------------------------------------------- verdict

export interface BundleVerdict {
  level: 'ok' | 'warn' | 'fail';
  /** One sentence for the cover. */
  line: string;
}

export function summarizeVerdict(input: BundleInput): BundleVerdict {
  const { evaluation, documents } = input;
  const missing = evaluation.requirements.filter((r) => r.status === 'missing');
  const attention = evaluation.requirements.filter((r) => r.status === 'needs_attention');
  // A failed photo shows up both as a quality report and as a document_quality problem: count it once.
  const errors = evaluation.problems.filter((p) => p.severity === 'error' && p.code !== 'document_quality');
  const warnings = evaluation.problems.filter(
    (p) => p.severity === 'warning' && p.code !== 'document_quality',
  );
  const files = documents.flatMap((d) => d.files);
  const failedPhotos = Math.max(
    files.filter((f) => f.quality?.verdict === 'fail').length,
    evaluation.problems.filter((p) => p.severity === 'error' && p.code === 'document_quality').length,
  );
  const warnPhotos = Math.max(
    files.filter((f) => f.quality?.verdict === 'warn').length,
    evaluation.problems.filter((p) => p.severity === 'warning' && p.code === 'document_quality').length,
  );
  const parts: string[] = [];
  if (missing.length) parts.push(`缺少 ${missing.map(requirementTitle).join('、')}`);
  if (attention.length) parts.push(`${attention.map(requirementTitle).join('、')} 需要处理`);
  if (errors.length) parts.push(`${errors.length} 个问题必须先解决`);
  if (failedPhotos) {
    // Name the documents whose photos must be retaken: "病历资料的照片未通过检查，需重拍".
    const kinds = [
      ...new Set(
        documents
          .filter((d) => d.files.some((f) => f.quality?.verdict === 'fail'))
          .map((d) => kindLabel(d.kind)),
      ),
    ];
    parts.push(
      kinds.length ? `${kinds.join('、')}的照片未通过检查，需重拍` : `${failedPhotos} 张照片未通过检查`,
    );
  }
  if (parts.length === 0 && evaluation.complete) {
    const notes = warnings.length + warnPhotos;
    return {
      level: notes ? 'warn' : 'ok',
      line: notes ? `材料齐全，检查通过；另有 ${notes} 条提示，见材料清单页` : '材料齐全，全部检查通过',
    };
  }
  if (parts.length === 0) parts.push('材料尚不完整');
  return { level: 'fail', line: `尚不能提交：${parts.join('；')}` };
}

export function requirementTitle(r: RequirementResult): string {
  return r.title ?? r.kinds.map((k) => kindLabel(k)).join('或');
}

// ---------------------------------------------------------------- cover

function fieldRows(input: BundleInput, docCount: number, pageCount: number): Array<[string, string]> {
  const claim = input.claim;
  const { claimant, applicant } = claim;
  const rows: Array<[string, string]> = [];
  rows.push(['参保人', `${claimant.name}（身份证 ${maskIdNumber(claimant.idNumber)}）`]);
  rows.push([
    '参保类型 / 参保地',
    `${INSURANCE_TYPE_LABELS[claimant.insuranceType].zh} · ${claimant.insuredRegion}`,
  ]);
  rows.push([
    '申请人',
    applicant.relation === 'self'
      ? `${claimant.name}（本人申请）`
      : `${applicant.name}（参保人的${APPLICANT_RELATION_LABELS[applicant.relation].zh}，身份证 ${maskIdNumber(applicant.idNumber)}）`,
  ]);
  rows.push(['就医地 / 医院', `${claim.treatmentRegion} · ${claim.hospital}`]);
  rows.push([
    '就医类型',
    CARE_SETTING_LABELS[claim.careSetting].zh + (claim.specialDrugs ? '（使用特殊药品）' : ''),
  ]);
  rows.push(['就医日期', careDates(input)]);
  const cross = claim.crossRegion;
  rows.push(['异地就医备案', cross ? filingText(cross) : '参保地内就医，无需异地备案']);
  if (claim.totalAmount !== undefined && claim.totalAmount !== null)
    rows.push(['医疗费用总额', formatYuan(claim.totalAmount)]);
  const bank = claimant.bankAccount;
  rows.push([
    '收款账户',
    bank ? `${bank.bank} · 户名 ${bank.holder} · 卡号 ${maskDigits(bank.number, 4)}` : '未填写',
  ]);
  rows.push(['联系电话', claimant.phone ?? '未填写']);
  const deadline = input.evaluation.deadline;
  if (deadline) {
    const left = deadline.daysLeft >= 0 ? `还有 ${deadline.daysLeft} 天` : `已超过 ${-deadline.daysLeft} 天`;
    rows.push(['报销申请期限', `${formatDateZh(deadline.date)}前（${left}）`]);
  }
  rows.push(['材料', `${docCount} 份，本材料包共 ${pageCount} 页`]);
  rows.push(['生成日期', formatDateZh(input.today)]);
  return rows;
}

/** 异地转诊（线下备案，备案日期 2026年8月30日，备案就医地 上海市，有效期 2026年9月1日至2027年2月28日）. */
function filingText(cross: NonNullable<BundleInput['claim']['crossRegion']>): string {
  const facts = [
    ...(cross.offline ? ['在参保地窗口办理'] : []),
    ...(cross.filingDate ? [`备案日期 ${formatDateZh(cross.filingDate)}`] : []),
    ...(cross.filedPlace ? [`备案就医地 ${cross.filedPlace}`] : []),
    ...(cross.startDate || cross.endDate
      ? [
          `备案起止 ${cross.startDate ? formatDateZh(cross.startDate) : '未填'}至${cross.endDate ? formatDateZh(cross.endDate) : '未填'}`,
        ]
      : []),
  ];
  return `${FILING_TYPE_LABELS[cross.filingType].zh}${facts.length ? `（${facts.join('，')}）` : ''}`;
}

export function careDates(input: BundleInput): string {
  const c = input.claim;
  const day = (d: string | null | undefined) => (d ? formatDateZh(d) : '?');
  if (c.admissionDate || c.dischargeDate) return `${day(c.admissionDate)}至${day(c.dischargeDate)}`;
  return c.visitDate ? formatDateZh(c.visitDate) : '未填写';
}

export function drawCover(
  doc: PDFDocument,
  fonts: BundleFonts,
  input: BundleInput,
  info: {
    reference: string;
    verdict: BundleVerdict;
    docCount: number;
    pageCount: number;
    contents: readonly DocumentLocation[];
  },
): PDFPage {
  const page = doc.addPage([A4.width, A4.height]);
  const title = '医保手工报销申请材料';
  const titleSize = 24;
  let y = TOP - 30;
  page.drawText(title, {
    x: (A4.width - textWidth(fonts.bold, title, titleSize)) / 2,
    y,
    size: titleSize,
    font: fonts.bold,
    color: INK,
  });
  const sub = `材料包编号 ${info.reference}`;
  y -= 24;
  page.drawText(sub, {
    x: (A4.width - textWidth(fonts.regular, sub, 11)) / 2,
    y,
    size: 11,
    font: fonts.regular,
    color: MUTED,
  });

  // Verdict box: the first thing a desk clerk or a family member looks at.
  y -= 22;
  const tone = info.verdict.level === 'ok' ? OK_GREEN : info.verdict.level === 'warn' ? WARN_AMBER : BAD_RED;
  const fill =
    info.verdict.level === 'ok'
      ? rgb(0.9, 0.97, 0.92)
      : info.verdict.level === 'warn'
        ? rgb(1, 0.96, 0.88)
        : rgb(0.99, 0.91, 0.91);
  const verdictStyle: TextStyle = { font: fonts.bold, size: 13, color: tone };
  const verdictWidth = CONTENT_WIDTH - 56;
  const boxH = paragraphHeight(info.verdict.line, verdictWidth, verdictStyle) + 20;
  page.drawRectangle({
    x: MARGIN_X,
    y: y - boxH,
    width: CONTENT_WIDTH,
    height: boxH,
    color: fill,
    borderColor: tone,
    borderWidth: 1,
  });
  const markY = y - boxH / 2;
  if (info.verdict.level === 'ok') drawCheckMark(page, MARGIN_X + 22, markY, 18, tone);
  else if (info.verdict.level === 'warn') drawAttentionMark(page, MARGIN_X + 22, markY, 18, tone);
  else drawCrossMark(page, MARGIN_X + 22, markY, 18, tone);
  drawParagraph(page, info.verdict.line, MARGIN_X + 44, y - 10, verdictWidth, verdictStyle);
  y -= boxH + 18;

  const labelW = 118;
  const label: TextStyle = { font: fonts.regular, size: 11.5, color: MUTED };
  const value: TextStyle = { font: fonts.regular, size: 12.5, color: INK };
  for (const [name, text] of fieldRows(input, info.docCount, info.pageCount)) {
    const h = Math.max(paragraphHeight(text, CONTENT_WIDTH - labelW - 8, value), lineHeight(value)) + 8;
    drawParagraph(page, name, MARGIN_X + 4, y - 4, labelW - 8, label);
    drawParagraph(page, text, MARGIN_X + labelW, y - 4, CONTENT_WIDTH - labelW - 8, value);
    y -= h;
    page.drawLine({
      start: { x: MARGIN_X, y },
      end: { x: MARGIN_X + CONTENT_WIDTH, y },
      thickness: 0.5,
      color: RULE,
    });
  }

  // Table of contents: which page each document starts on, so a reviewer can turn straight to it.
  y -= 26;
  page.drawText('材料目录', { x: MARGIN_X, y, size: 12.5, font: fonts.bold, color: INK });
  y -= 6;
  const tocStyle = { size: 10.5, font: fonts.regular, color: INK };
  const rowH = 17;
  const room = Math.floor((y - BOTTOM - 50) / rowH);
  const shown = info.contents.length > room ? info.contents.slice(0, Math.max(room - 1, 0)) : info.contents;
  for (const l of shown) {
    y -= rowH;
    const left = `材料 ${l.ordinal}\u3000${kindLabel(l.kind)}${l.photoFailed ? '（照片需重拍）' : ''}`;
    const right = l.firstPage === l.lastPage ? `第 ${l.firstPage} 页` : `第 ${l.firstPage}–${l.lastPage} 页`;
    page.drawText(left, { x: MARGIN_X + 8, y, ...tocStyle, color: l.photoFailed ? BAD_RED : INK });
    const rw = textWidth(fonts.regular, right, tocStyle.size);
    const lw = textWidth(fonts.regular, left, tocStyle.size);
    // Dot leaders between the name and the page, as in a printed table of contents.
    const dotsFrom = MARGIN_X + 8 + lw + 6;
    const dotsTo = A4.width - MARGIN_X - 8 - rw - 6;
    if (dotsTo > dotsFrom)
      page.drawLine({
        start: { x: dotsFrom, y: y + 2 },
        end: { x: dotsTo, y: y + 2 },
        thickness: 0.8,
        color: RULE,
        dashArray: [1, 3],
      });
    page.drawText(right, { x: A4.width - MARGIN_X - 8 - rw, y, ...tocStyle });
  }
  if (shown.length < info.contents.length) {
    y -= rowH;
    page.drawText(`……其余 ${info.contents.length - shown.length} 份见材料清单`, {
      x: MARGIN_X + 8,
      y,
      ...tocStyle,
      color: MUTED,
    });
  }

  const note =
    '说明：本材料包由 ClaimDesk 报销材料助手离线生成。第 2 页起为材料清单（每项材料在本包中的页码）、诚信承诺书页（网上申请时在页面上勾选即可；到窗口提交的，打印后签名）及全部材料，最后是政策依据附录。银行卡号、身份证号已部分隐藏。医保服务热线 12393。';
  drawParagraph(page, note, MARGIN_X, BOTTOM + 40, CONTENT_WIDTH, {
    font: fonts.regular,
    size: 9.5,
    color: MUTED,
  });
  return page;
}

// ---------------------------------------------------------------- checklist

export interface ChecklistLocations {
  documents: ReadonlyMap<number, DocumentLocation>;
  pledgePage: number;
}

export interface DocumentLocation {
  ordinal: number;
  kind: DocumentKind;
  firstPage: number;
  lastPage: number;
  /** A photo of this document failed its quality check: the reader should know before relying on it. */
  photoFailed?: boolean;
}

// The reviewer reads what is there and where; policy sources go to the appendix at the end (the person sees
// them in the app), so the reason column takes the room the source column had.
const COLS = { mark: 24, title: 98, where: 120 } as const;
const REASON_W = CONTENT_WIDTH - COLS.mark - COLS.title - COLS.where;

function locationText(r: RequirementResult, locations: ChecklistLocations): string {
  const parts = (r.documents ?? [])
    .map((i) => locations.documents.get(i))
    .filter((l): l is DocumentLocation => l !== undefined)
    .map(
      (l) =>
        `材料 ${l.ordinal} ${kindLabel(l.kind)}，第 ${l.firstPage === l.lastPage ? l.firstPage : `${l.firstPage}–${l.lastPage}`} 页${l.photoFailed ? '（照片未通过检查，需重拍）' : ''}`,
    );
  if (parts.length) return parts.join('\n');
  return r.status === 'missing' ? '缺' : '—';
}

interface ChecklistRow {
  requirement: RequirementResult;
  where: string;
  height: number;
}

function styles(fonts: BundleFonts) {
  return {
    title: { font: fonts.bold, size: 10, color: INK } satisfies TextStyle,
    body: { font: fonts.regular, size: 9, color: INK } satisfies TextStyle,
    small: { font: fonts.regular, size: 7.5, color: MUTED } satisfies TextStyle,
    head: { font: fonts.bold, size: 9, color: MUTED } satisfies TextStyle,
  };
}

function measureRows(
  fonts: BundleFonts,
  requirements: readonly RequirementResult[],
  locations: ChecklistLocations,
): ChecklistRow[] {
  const s = styles(fonts);
  return requirements.map((requirement) => {
    const where = locationText(requirement, locations);
    const height =
      Math.max(
        paragraphHeight(requirementTitle(requirement), COLS.title - 6, s.title),
        paragraphHeight(requirement.reason, REASON_W - 6, s.body),
        paragraphHeight(where, COLS.where - 6, s.body),
      ) + 8;
    return { requirement, where, height };
  });
}

const TABLE_HEAD_H = 20;
const CHECKLIST_TITLE_H = 58;

function problemHeight(fonts: BundleFonts, p: Problem): number {
  return paragraphHeight(problemText(p), CONTENT_WIDTH - 24, styles(fonts).body) + 6;
}

function problemText(p: Problem): string {
  // The field path (documents[5].files[0]) is for programs; the message already names the file for people.
  return p.message;
}

/** How many pages the checklist takes, so document page numbers can be known before drawing it. */
export function checklistPageCount(
  fonts: BundleFonts,
  input: BundleInput,
  locations: ChecklistLocations,
): number {
  return paginateChecklist(fonts, input, locations).length;
}

type ChecklistItem =
  | { type: 'row'; row: ChecklistRow }
  | { type: 'problems-title' }
  | { type: 'problem'; problem: Problem; height: number }
  | { type: 'reminders-title' }
  | { type: 'reminder'; text: string; height: number };

/** The pledge reminder (rule pack `reminders`, id integrity-pledge) points at the bundle's own pledge page. */
const PLEDGE_REMINDER = 'integrity-pledge';

/** A reminder as one paragraph: title, what it says (or that it is done), its steps, the pledge's page. */
export function reminderText(r: ReminderResult, locations: Pick<ChecklistLocations, 'pledgePage'>): string {
  const page = r.id === PLEDGE_REMINDER ? `承诺书页在本材料包第 ${locations.pledgePage} 页。` : '';
  const done = r.done && r.doneText ? `${r.doneText}。` : '';
  const steps = (r.steps ?? []).map((st, i) => `\n${i + 1}. ${st.text}`).join('');
  return `${r.title}：${done}${r.text}${page}${steps}`;
}

function paginateChecklist(
  fonts: BundleFonts,
  input: BundleInput,
  locations: ChecklistLocations,
): ChecklistItem[][] {
  const items: ChecklistItem[] = measureRows(fonts, input.evaluation.requirements, locations).map((row) => ({
    type: 'row',
    row,
  }));
  if (input.evaluation.problems.length) {
    items.push({ type: 'problems-title' });
    for (const problem of input.evaluation.problems)
      items.push({ type: 'problem', problem, height: problemHeight(fonts, problem) });
  }
  const reminders = input.evaluation.reminders ?? [];
  if (reminders.length) {
    items.push({ type: 'reminders-title' });
    for (const r of reminders) {
      const text = reminderText(r, locations);
      items.push({
        type: 'reminder',
        text,
        height: paragraphHeight(text, CONTENT_WIDTH - 24, styles(fonts).body) + 6,
      });
    }
  }
  const pages: ChecklistItem[][] = [[]];
  let room = TOP - BOTTOM - CHECKLIST_TITLE_H - TABLE_HEAD_H;
  for (const item of items) {
    const h =
      item.type === 'row'
        ? item.row.height
        : item.type === 'problem' || item.type === 'reminder'
          ? item.height
          : 34;
    if (h > room && pages[pages.length - 1]!.length) {
      pages.push([]);
      room = TOP - BOTTOM - 24 - (item.type === 'row' ? TABLE_HEAD_H : 0);
    }
    pages[pages.length - 1]!.push(item);
    room -= h;
  }
  return pages;
}

function drawTableHead(page: PDFPage, fonts: BundleFonts, y: number): number {
  const s = styles(fonts);
  page.drawRectangle({
    x: MARGIN_X,
    y: y - TABLE_HEAD_H,
    width: CONTENT_WIDTH,
    height: TABLE_HEAD_H,
    color: rgb(0.94, 0.94, 0.95),
  });
  let x = MARGIN_X;
  for (const [text, w] of [
    ['', COLS.mark],
    ['材料', COLS.title],
    ['要求与说明', REASON_W],
    ['在本材料包中', COLS.where],
  ] as const) {
    if (text)
      page.drawText(text, { x: x + 3, y: y - 14, size: s.head.size, font: s.head.font, color: s.head.color });
    x += w;
  }
  return y - TABLE_HEAD_H;
}

export function drawChecklist(
  doc: PDFDocument,
  fonts: BundleFonts,
  input: BundleInput,
  locations: ChecklistLocations,
): PDFPage[] {
  const s = styles(fonts);
  const satisfied = input.evaluation.requirements.filter((r) => r.status === 'satisfied').length;
  return paginateChecklist(fonts, input, locations).map((items, pageIndex) => {
    const page = doc.addPage([A4.width, A4.height]);
    let y = TOP;
    if (pageIndex === 0) {
      page.drawText('材料清单', { x: MARGIN_X, y: y - 22, size: 18, font: fonts.bold, color: INK });
      const summary = `共 ${input.evaluation.requirements.length} 项要求，已满足 ${satisfied} 项。`;
      page.drawText(summary, { x: MARGIN_X, y: y - 42, size: 9.5, font: fonts.regular, color: MUTED });
      // Legend with the same vector marks as the table (the font has no ✗ glyph).
      let lx = MARGIN_X + textWidth(fonts.regular, summary, 9.5) + 10;
      for (const [draw, text] of [
        [drawCheckMark, '已提供'],
        [drawCrossMark, '缺少'],
        [drawAttentionMark, '已提供但需处理'],
      ] as const) {
        draw(page, lx + 5, y - 39, 10);
        page.drawText(text, { x: lx + 13, y: y - 42, size: 9.5, font: fonts.regular, color: MUTED });
        lx += 13 + textWidth(fonts.regular, text, 9.5) + 12;
      }
      y -= CHECKLIST_TITLE_H;
    } else {
      page.drawText('材料清单（续）', { x: MARGIN_X, y: y - 16, size: 12, font: fonts.bold, color: INK });
      y -= 24;
    }
    if (items[0]?.type === 'row') y = drawTableHead(page, fonts, y);
    for (const item of items) {
      if (item.type === 'row') {
        const { requirement: r, where, height } = item.row;
        const cy = y - 12;
        if (r.status === 'satisfied') drawCheckMark(page, MARGIN_X + 13, cy, 13);
        else if (r.status === 'missing') drawCrossMark(page, MARGIN_X + 13, cy, 13);
        else drawAttentionMark(page, MARGIN_X + 13, cy, 13);
        let x = MARGIN_X + COLS.mark;
        drawParagraph(
          page,
          requirementTitle(r),
          x + 3,
          y - 4,
          COLS.title - 6,
          r.status === 'missing' ? { ...s.title, color: BAD_RED } : s.title,
        );
        x += COLS.title;
        drawParagraph(page, r.reason, x + 3, y - 4, REASON_W - 6, s.body);
        x += REASON_W;
        drawParagraph(
          page,
          where,
          x + 3,
          y - 4,
          COLS.where - 6,
          r.status === 'missing' ? { ...s.body, color: BAD_RED } : s.body,
        );
        y -= height;
        page.drawLine({
          start: { x: MARGIN_X, y },
          end: { x: MARGIN_X + CONTENT_WIDTH, y },
          thickness: 0.5,
          color: RULE,
        });
      } else if (item.type === 'problems-title') {
        page.drawText('需要注意的问题', { x: MARGIN_X, y: y - 26, size: 12, font: fonts.bold, color: INK });
        y -= 34;
      } else if (item.type === 'reminders-title') {
        page.drawText('提醒（不是要交的材料）', {
          x: MARGIN_X,
          y: y - 26,
          size: 12,
          font: fonts.bold,
          color: INK,
        });
        y -= 34;
      } else if (item.type === 'reminder') {
        page.drawText('·', { x: MARGIN_X + 6, y: y - 9, size: 10, font: fonts.bold, color: MUTED });
        drawParagraph(page, item.text, MARGIN_X + 20, y, CONTENT_WIDTH - 24, s.body);
        y -= item.height;
      } else {
        const p = item.problem;
        if (p.severity === 'error') drawCrossMark(page, MARGIN_X + 7, y - 7, 10);
        else drawAttentionMark(page, MARGIN_X + 7, y - 7, 10);
        drawParagraph(page, problemText(p), MARGIN_X + 20, y, CONTENT_WIDTH - 24, s.body);
        y -= item.height;
      }
    }
    return page;
  });
}

// ---------------------------------------------------------------- sources appendix

interface AppendixEntry {
  title: string;
  source: string;
  height: number;
}

const APPENDIX_TITLE_H = 64;

function appendixEntries(fonts: BundleFonts, input: BundleInput): AppendixEntry[] {
  const s = styles(fonts);
  const items = [
    ...input.evaluation.requirements.map((r) => ({ title: requirementTitle(r), source: r.source })),
    ...(input.evaluation.reminders ?? []).map((r) => ({ title: `提醒：${r.title}`, source: r.source })),
  ];
  return items.map((r) => {
    const title = r.title;
    return {
      title,
      source: r.source,
      height:
        paragraphHeight(title, CONTENT_WIDTH, s.title) +
        paragraphHeight(r.source, CONTENT_WIDTH - 12, s.body) +
        10,
    };
  });
}

function paginateAppendix(fonts: BundleFonts, input: BundleInput): AppendixEntry[][] {
  const pages: AppendixEntry[][] = [[]];
  let room = TOP - BOTTOM - APPENDIX_TITLE_H;
  for (const e of appendixEntries(fonts, input)) {
    if (e.height > room && pages[pages.length - 1]!.length) {
      pages.push([]);
      room = TOP - BOTTOM - 24;
    }
    pages[pages.length - 1]!.push(e);
    room -= e.height;
  }
  return pages;
}

/** Pages the sources appendix takes (known before drawing, for page numbers). */
export function sourcesAppendixPageCount(fonts: BundleFonts, input: BundleInput): number {
  return paginateAppendix(fonts, input).length;
}

/** The appendix: each requirement's sources with the guides' titles, and what they are worth. */
export function drawSourcesAppendix(doc: PDFDocument, fonts: BundleFonts, input: BundleInput): PDFPage[] {
  const s = styles(fonts);
  return paginateAppendix(fonts, input).map((entries, pageIndex) => {
    const page = doc.addPage([A4.width, A4.height]);
    let y = TOP;
    if (pageIndex === 0) {
      page.drawText('附录：政策依据', { x: MARGIN_X, y: y - 22, size: 16, font: fonts.bold, color: INK });
      drawParagraph(page, SOURCES_NOTE.zh, MARGIN_X, y - 32, CONTENT_WIDTH, { ...s.body, color: MUTED });
      y -= APPENDIX_TITLE_H;
    } else {
      page.drawText('附录：政策依据（续）', {
        x: MARGIN_X,
        y: y - 16,
        size: 12,
        font: fonts.bold,
        color: INK,
      });
      y -= 24;
    }
    for (const e of entries) {
      const th = paragraphHeight(e.title, CONTENT_WIDTH, s.title);
      drawParagraph(page, e.title, MARGIN_X, y, CONTENT_WIDTH, s.title);
      drawParagraph(page, e.source, MARGIN_X + 12, y - th, CONTENT_WIDTH - 12, s.body);
      y -= e.height;
    }
    return page;
  });
}

// ---------------------------------------------------------------- pledge

export function loadPledgeTemplate(): string {
  return readFileSync(join(resourcesDir(), 'templates', 'integrity-pledge.txt'), 'utf8');
}

/** Fills the template's {{placeholders}}; comment lines (#) are dropped. */
export function fillPledge(template: string, input: BundleInput): { title: string; paragraphs: string[] } {
  const claim = input.claim;
  const { claimant, applicant } = claim;
  const isSelf = applicant.relation === 'self';
  const bank = claimant.bankAccount;
  const values: Record<string, string> = {
    applicantName: isSelf ? claimant.name : applicant.name,
    applicantIdMasked: maskIdNumber(isSelf ? claimant.idNumber : applicant.idNumber),
    relationClause: isSelf
      ? '，系参保人本人'
      : `，系参保人${claimant.name}的${APPLICANT_RELATION_LABELS[applicant.relation].zh}，代为办理`,
    claimantName: claimant.name,
    careDates: careDates(input),
    hospital: claim.hospital,
    careSetting: CARE_SETTING_LABELS[claim.careSetting].zh,
    bankLine: bank ? `${bank.bank}，户名${bank.holder}，卡号尾号${bank.number.slice(-4)}` : '见申请表',
  };
  const text = template
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n')
    .replace(/\{\{(\w+)\}\}/g, (_m, key: string) => values[key] ?? `{{${key}}}`)
    .trim();
  const [title = '诚信承诺书', ...rest] = text.split(/\n\s*\n/);
  return { title: title.trim(), paragraphs: rest.map((p) => p.replace(/\s*\n\s*/g, '')) };
}

export function drawPledge(doc: PDFDocument, fonts: BundleFonts, input: BundleInput): PDFPage {
  const page = doc.addPage([A4.width, A4.height]);
  const { title, paragraphs } = fillPledge(loadPledgeTemplate(), input);
  let y = TOP - 34;
  page.drawText(title, {
    x: (A4.width - textWidth(fonts.bold, title, 22)) / 2,
    y,
    size: 22,
    font: fonts.bold,
    color: INK,
  });
  y -= 26;
  const body: TextStyle = { font: fonts.regular, size: 12.5, color: INK, lineGap: 3 };
  for (const p of paragraphs) {
    // Chinese paragraphs are indented by two full-width spaces.
    y = drawParagraph(page, `\u3000\u3000${p}`, MARGIN_X + 6, y, CONTENT_WIDTH - 12, body) - 8;
  }
  // Lines to sign by hand: generous spacing so an elderly applicant can write comfortably.
  const applicantName =
    input.claim.applicant.relation === 'self' ? input.claim.claimant.name : input.claim.applicant.name;
  const x = A4.width / 2 - 10;
  y = Math.min(y - 30, 250);
  for (const [labelText, prefill] of [
    ['承诺人（签名）：', ''],
    ['承诺人姓名：', applicantName],
    ['联系电话：', input.claim.claimant.phone ?? ''],
    ['日期：', '        年      月      日'],
  ] as const) {
    page.drawText(labelText, { x, y, size: 12.5, font: fonts.regular, color: INK });
    const lx = x + textWidth(fonts.regular, labelText, 12.5);
    if (prefill) page.drawText(prefill, { x: lx + 4, y, size: 12.5, font: fonts.regular, color: INK });
    else
      page.drawLine({
        start: { x: lx, y: y - 3 },
        end: { x: A4.width - MARGIN_X, y: y - 3 },
        thickness: 0.8,
        color: INK,
      });
    y -= 34;
  }
  return page;
}

// ---------------------------------------------------------------- running header / footer

/** The text itself if it fits, else its longest prefix that fits followed by "…". */
export function fitWidth(text: string, font: PDFFont, size: number, maxWidth: number): string {
  if (textWidth(font, text, size) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(font, `${chars.join('')}…`, size) > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}

export function drawRunningHeader(
  page: PDFPage,
  fonts: BundleFonts,
  info: {
    reference: string;
    claimantName: string;
    hospital: string;
    label: string;
    pageNo: number;
    pageCount: number;
  },
): void {
  const size = 8.5;
  const topY = A4.height - 20;
  const left = `ClaimDesk 报销材料 · ${info.reference}`;
  page.drawText(left, { x: MARGIN_X, y: topY, size, font: fonts.regular, color: MUTED });
  // A long hospital name is shortened with "…" rather than running into the reference on the left.
  const room = A4.width - 2 * MARGIN_X - textWidth(fonts.regular, left, size) - 24;
  const right = fitWidth(`${info.claimantName} · ${info.hospital}`, fonts.regular, size, room);
  page.drawText(right, {
    x: A4.width - MARGIN_X - textWidth(fonts.regular, right, size),
    y: topY,
    size,
    font: fonts.regular,
    color: MUTED,
  });
  page.drawLine({
    start: { x: MARGIN_X, y: topY - 6 },
    end: { x: A4.width - MARGIN_X, y: topY - 6 },
    thickness: 0.4,
    color: RULE,
  });
  const bottomY = 14;
  page.drawLine({
    start: { x: MARGIN_X, y: bottomY + 12 },
    end: { x: A4.width - MARGIN_X, y: bottomY + 12 },
    thickness: 0.4,
    color: RULE,
  });
  page.drawText(info.label, { x: MARGIN_X, y: bottomY, size: 9, font: fonts.bold, color: INK });
  const pageText = `第 ${info.pageNo} / ${info.pageCount} 页`;
  page.drawText(pageText, {
    x: A4.width - MARGIN_X - textWidth(fonts.regular, pageText, 9),
    y: bottomY,
    size: 9,
    font: fonts.regular,
    color: INK,
  });
}
