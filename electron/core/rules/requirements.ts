// One requirement of the pack against the claim's papers: satisfied, missing or needs attention, with the
// reason and its sources; then the errors of a paper folded into its requirement, and the bundle's order.
import { DOCUMENT_KIND_LABELS, type DocumentKind } from '../../../shared/domain';
import { documentIndexOfField, type Problem, type RequirementResult } from '../../../shared/evaluation';
import { verdictOf, type QualityReport } from '../../../shared/quality';
import {
  conditionHolds,
  type CheckName,
  type ClaimFact,
  type RequirementCheck,
  type RequirementRule,
  type RuleSource,
  type RulePack,
  type Scenario,
  type SeedTitles,
  sealSeverities,
} from '../../../shared/rules';
import type { EvaluatedDocument, EvaluatedPage } from './facts';
import { sourceFields } from './sink';

const CHECK_FINDING: Partial<Record<CheckName, string>> = {
  four_corners: 'incomplete_page',
  seal: 'seal_missing',
};
const EMERGENCY_WORDS = '急诊';
const PDF = 'application/pdf';

/** A page given as a PDF file (an e-invoice from the hospital's system), not a photo or scan of paper. */
export function isPdfPage(p: EvaluatedPage): boolean {
  if (p.mime) return p.mime === PDF;
  const m = p.quality?.metrics?.mime;
  if (typeof m === 'string') return m === PDF;
  return /\.pdf$/i.test(p.name);
}

/**
 * The pack's weight for a missing seal on this kind (sealSeverities in pack.ts), applied to a stored
 * finding: the lesser of what the photo check said and what the pack says. A finding made lighter takes the
 * pack's own words (the checker's say "需要加盖公章", which no source says of a paper invoice), and the page's
 * verdict follows its findings again.
 */
export function gradeSeals(documents: readonly EvaluatedDocument[], pack: RulePack): EvaluatedDocument[] {
  const weights = sealSeverities(pack);
  const hints = new Map<DocumentKind, string>();
  for (const r of pack.requirements)
    for (const c of r.checks)
      if (c.check === 'seal' && c.severity === 'warning') for (const k of r.kinds) hints.set(k, c.hint);
  return documents.map((d) => {
    if (weights[d.kind] !== 'warning') return d;
    return {
      ...d,
      pages: d.pages.map((p) => ({ ...p, quality: gradeReport(p.quality, hints.get(d.kind)) })),
    };
  });
}

function gradeReport(q: QualityReport | null | undefined, hint: string | undefined): QualityReport | null {
  if (!q) return q ?? null;
  if (!q.findings.some((f) => f.code === 'seal_missing' && f.severity === 'error')) return q;
  const findings = q.findings.map((f) =>
    f.code === 'seal_missing' && f.severity === 'error'
      ? { ...f, severity: 'warning' as const, ...(hint ? { message: hint } : {}) }
      : f,
  );
  return { ...q, findings, verdict: verdictOf(findings) };
}

/** What evaluation knows of the claim's invoices beyond one document: every photo among the papers. */
interface CheckContext {
  photos: ReadonlyArray<{ doc: number; page: EvaluatedPage }>;
}

interface CheckOutcome {
  ok: boolean | null;
  /** zh/en: which page, for the reason (the e-invoice's file name). */
  detail?: { zh: string; en: string }[];
}

function hasSealMissing(p: EvaluatedPage): boolean {
  return p.quality?.findings.some((f) => f.code === 'seal_missing') === true;
}

function fieldText(p: EvaluatedPage, name: string): string | null {
  const v = p.fields?.[name]?.value;
  return v === undefined || v === null || v === '' ? null : String(v).replace(/\s/g, '');
}

/**
 * Whether a photo shows the same invoice as an e-invoice PDF: by QR identity, else by invoice code and
 * number, else by amount, as far as both were read; null when nothing was read to compare.
 */
function sameInvoice(pdf: EvaluatedPage, photo: EvaluatedPage): boolean | null {
  if (pdf.invoiceKey && photo.invoiceKey) return pdf.invoiceKey === photo.invoiceKey;
  const id = (p: EvaluatedPage) => {
    const code = fieldText(p, 'invoiceCode');
    const number = fieldText(p, 'invoiceNumber');
    return number ? `${code ?? ''}/${number}` : null;
  };
  if (id(pdf) && id(photo)) return id(pdf) === id(photo);
  const amount = (p: EvaluatedPage) => {
    const n = Number(fieldText(p, 'totalAmount'));
    return Number.isFinite(n) && fieldText(p, 'totalAmount') !== null ? Math.round(n * 100) : null;
  };
  if (amount(pdf) !== null && amount(photo) !== null) return amount(pdf) === amount(photo);
  return null;
}

/**
 * 电子发票需加盖医院鲜章 (003): an e-invoice given as a PDF counts once there is a photo of its printout — a
 * photo of the same invoice anywhere among the papers, or one in the same document when nothing was read to
 * tell — and that photo shows a stamp.
 */
function stampedPrintout(doc: EvaluatedDocument, ctx: CheckContext): CheckOutcome {
  const pdfs = doc.pages.filter(isPdfPage);
  if (pdfs.length === 0) return { ok: true };
  const detail: { zh: string; en: string }[] = [];
  let unchecked = false;
  for (const pdf of pdfs) {
    const printouts = ctx.photos
      .filter(({ doc: d, page }) => {
        const same = sameInvoice(pdf, page);
        return same === true || (same === null && d === doc.index);
      })
      .map(({ page }) => page);
    if (printouts.length === 0) {
      detail.push({
        zh: `${pdf.name} 还没有盖章打印件的照片`,
        en: `${pdf.name} has no photo of a stamped printout yet`,
      });
    } else if (printouts.some(hasSealMissing)) {
      const names = printouts.filter(hasSealMissing).map((p) => p.name);
      detail.push({
        zh: `打印件照片 ${names.join('、')} 上没有找到医院的红色鲜章`,
        en: `no red hospital stamp found on the printout photo ${names.join(', ')}`,
      });
    } else if (printouts.some((p) => !p.quality)) unchecked = true;
  }
  if (detail.length > 0) return { ok: false, detail };
  return { ok: unchecked ? null : true };
}

/** Whether one document passes one check; null when it could not be judged (no quality report yet). */
function passesCheck(doc: EvaluatedDocument, check: CheckName, ctx: CheckContext): CheckOutcome {
  if (check === 'stamped_printout') return stampedPrintout(doc, ctx);
  if (check === 'emergency_mark') {
    if (doc.confirmed?.includes('emergency_mark')) return { ok: true };
    return { ok: doc.pages.some((p) => p.text?.includes(EMERGENCY_WORDS) === true) };
  }
  // Photo checks judge photos: a born-digital PDF has no seal, corners or glare to look at.
  const pages = check === 'readable' ? doc.pages : doc.pages.filter((p) => !isPdfPage(p));
  if (pages.length === 0) return { ok: true };
  const reports = pages.map((p) => p.quality).filter((q): q is QualityReport => !!q);
  if (reports.length === 0) return { ok: null };
  if (check === 'readable') return { ok: !reports.some((r) => r.verdict === 'fail') };
  const code = CHECK_FINDING[check];
  return { ok: !reports.some((r) => r.findings.some((f) => f.code === code && f.severity === 'error')) };
}

function contextOf(matching: readonly EvaluatedDocument[]): CheckContext {
  return {
    photos: matching.flatMap((d) =>
      d.pages.filter((p) => !isPdfPage(p)).map((page) => ({ doc: d.index, page })),
    ),
  };
}

/** Error findings of failed pages, leaving out codes another check of the requirement already explains. */
function failedFindings(docs: readonly EvaluatedDocument[], explained: ReadonlySet<string>): string[] {
  const messages = new Set<string>();
  for (const d of docs) {
    for (const p of d.pages) {
      if (p.quality?.verdict !== 'fail') continue;
      for (const f of p.quality.findings)
        if (f.severity === 'error' && !explained.has(f.code)) messages.add(f.message);
    }
  }
  return [...messages];
}

function kindList(kinds: readonly DocumentKind[], lang: 'zh' | 'en' = 'zh'): string {
  return kinds.map((k) => DOCUMENT_KIND_LABELS[k][lang]).join(lang === 'zh' ? '或' : ' or ');
}

/**
 * Every paper that is a photo must pass its photo check: a requirement whose pack entry names no `readable`
 * check gets one here, in its own words, so a glare-struck 病历资料 is never shown as 已齐.
 */
function checksFor(rule: RequirementRule): RequirementCheck[] {
  if (rule.checks.some((c) => c.check === 'readable')) return rule.checks;
  // The program's own check: no guide phrase says "clear photos" of this paper, so it cites none.
  const implicit: RequirementCheck = {
    check: 'readable',
    severity: 'error',
    hint: `${rule.title}的照片没有通过检查，需要重拍`,
    hintEn: `The photo of the ${(rule.titleEn ?? rule.title).toLowerCase()} did not pass the check; please retake it`,
    sources: [],
  };
  return [implicit, ...rule.checks];
}

export function evaluateRequirement(
  rule: RequirementRule,
  scenario: Scenario,
  documents: readonly EvaluatedDocument[],
  facts: ReadonlySet<ClaimFact>,
  titles: SeedTitles,
): RequirementResult {
  const substitutes = rule.substitutes.filter((s) => conditionHolds(s.when, scenario));
  const accepted = new Set<DocumentKind>([...rule.kinds, ...substitutes.flatMap((s) => s.kinds)]);
  const matching = documents.filter((d) => accepted.has(d.kind) && d.pages.length > 0);
  const sources = [...rule.sources, ...substitutes.flatMap((s) => s.sources)];
  // A substitute's sentence ("住院的可以用出院小结代替") is said only where the substitute applies.
  const reason = [rule.reason, ...substitutes.map((s) => s.note ?? '')].join('');
  const reasonEn = [
    rule.reasonEn ?? rule.reason,
    ...substitutes.map((s) => (s.noteEn ? ` ${s.noteEn}` : '')),
  ].join('');
  const base = {
    id: rule.id,
    kinds: [...accepted],
    title: rule.title,
    ...(rule.titleEn ? { titleEn: rule.titleEn } : {}),
    documents: matching.map((d) => d.index),
    ...(rule.providedByApp ? { providedByApp: true } : {}),
  };

  if (matching.length < rule.minCount) {
    // No paper, but a fact of the claim that stands in for it (the account number filled in).
    const fact = rule.satisfiedBy.find((f) => facts.has(f.fact));
    if (fact) {
      return {
        ...base,
        status: 'satisfied',
        reason: `已提供 ✓（${fact.provided}）`,
        reasonEn: `Provided ✓ (${fact.providedEn})`,
        ...sourceFields([...fact.sources, ...sources], titles),
      };
    }
    const have = matching.length > 0 ? `目前只有 ${matching.length} 份，` : '';
    const haveEn = matching.length > 0 ? `Only ${matching.length} so far; ` : '';
    const need =
      rule.minCount > 1
        ? `至少需要 ${rule.minCount} 份${kindList([...accepted])}。`
        : `缺少${kindList([...accepted])}。`;
    const needEn =
      rule.minCount > 1
        ? `at least ${rule.minCount} needed (${kindList([...accepted], 'en')}). `
        : `Missing: ${kindList([...accepted], 'en')}. `;
    return {
      ...base,
      status: 'missing',
      reason: `${have}${need}${reason}`,
      reasonEn: `${haveEn}${needEn}${reasonEn}`,
      ...sourceFields(sources, titles),
    };
  }

  const problems: string[] = [];
  const problemsEn: string[] = [];
  const cliHints: string[] = [];
  let unchecked = false;
  const checkSources: RuleSource[] = [];
  // A warning-level check (the national pack's paper-invoice seal) never holds a paper back: its page is
  // pointed out among the problems (document_quality, a warning) instead.
  const checks = checksFor(rule).filter((c) => conditionHolds(c.when, scenario) && c.severity === 'error');
  const explainedCodes = new Set(checks.map((c) => CHECK_FINDING[c.check]).filter((c): c is string => !!c));
  const ctx = contextOf(matching);
  for (const check of checks) {
    const failing: EvaluatedDocument[] = [];
    const details: { zh: string; en: string }[] = [];
    for (const doc of matching) {
      const outcome = passesCheck(doc, check.check, ctx);
      if (outcome.ok === null) unchecked = true;
      else if (!outcome.ok) {
        failing.push(doc);
        details.push(...(outcome.detail ?? []));
      }
    }
    if (failing.length > 0) {
      const ordinals = failing.map((d) => d.index + 1).join('、');
      const which = matching.length > 1 && details.length === 0 ? `（第 ${ordinals} 份材料）` : '';
      const whichEn =
        matching.length > 1 && details.length === 0 ? ` (paper ${ordinals.replace(/、/g, ', ')})` : '';
      // For an unreadable photo, say what the checker saw (glare, blur…) after the rule's own words.
      const seen =
        check.check === 'readable' ? failedFindings(failing, explainedCodes) : details.map((d) => d.zh);
      problems.push(`${check.hint}${which}${seen.length > 0 ? `：${seen.join('；')}` : ''}`);
      const seenEn = details.map((d) => d.en);
      problemsEn.push(
        `${check.hintEn ?? check.hint}${whichEn}${seenEn.length > 0 ? `: ${seenEn.join('; ')}` : ''}`,
      );
      if (check.cliHint) cliHints.push(check.cliHint);
      checkSources.push(...check.sources);
    }
  }
  if (problems.length > 0) {
    return {
      ...base,
      status: 'needs_attention',
      reason: `${problems.join('；')}。`,
      reasonEn: `${problemsEn.join('; ')}.`,
      ...sourceFields([...checkSources, ...sources], titles),
      ...(cliHints.length ? { cliHint: cliHints.join('；') } : {}),
    };
  }
  const notes = [...(rule.bring ? [rule.bring] : []), ...(unchecked ? ['照片质量尚未检查'] : [])];
  const notesEn = [...(rule.bringEn ? [rule.bringEn] : []), ...(unchecked ? ['photos not checked yet'] : [])];
  return {
    ...base,
    status: 'satisfied',
    reason: `已提供 ✓${notes.length ? `（${notes.join('；')}）` : ''}`,
    reasonEn: `Provided ✓${notesEn.length ? ` (${notesEn.join('; ')})` : ''}`,
    ...sourceFields(sources, titles),
  };
}

/**
 * A requirement is not 已提供 while one of its papers carries an error (a photo that failed its check, an
 * invoice already used in another claim): the checklist, the board and the bundle all read this one status.
 */
export function foldDocumentErrors(
  requirements: readonly RequirementResult[],
  problems: readonly Problem[],
): RequirementResult[] {
  return requirements.map((r) => {
    if (r.status !== 'satisfied' || !r.documents?.length) return r;
    const own = problems.filter((p) => {
      const index = documentIndexOfField(p.field);
      return p.severity === 'error' && index !== null && r.documents!.includes(index);
    });
    if (own.length === 0) return r;
    return {
      ...r,
      status: 'needs_attention',
      reason: `${own.map((p) => p.message).join('；')}。`,
      reasonEn: `${own.map((p) => p.messageEn ?? p.message).join('; ')}.`,
    };
  });
}

/** Checklist order: documents under the first requirement they satisfy, the rest after, each once. */
export function documentOrderOf(
  requirements: readonly RequirementResult[],
  documents: readonly EvaluatedDocument[],
): number[] {
  const order: number[] = [];
  const placed = new Set<number>();
  for (const r of requirements) {
    for (const i of r.documents ?? []) {
      if (!placed.has(i)) {
        placed.add(i);
        order.push(i);
      }
    }
  }
  for (const d of documents) if (!placed.has(d.index)) order.push(d.index);
  return order;
}
