// The completeness and validity engine: one pure function from a claim's facts, its documents and a rule
// pack to the EvaluationReport. Adapters (evaluate.ts beside this) gather the facts; the
// engine never reads files or the database, so the CLI, the desktop app and the tests share it exactly.
import {
  DOCUMENT_KIND_LABELS,
  FILING_TYPE_LABELS,
  LONG_TERM_FILING_TYPES,
  type AgentRelation,
  type DocumentKind,
} from '../../../shared/domain';
import {
  documentIndexOfField,
  type EvaluationReport,
  type Problem,
  type RequirementResult,
} from '../../../shared/evaluation';
import { findingText, type QualityReport } from '../../../shared/quality';
import {
  conditionHolds,
  formatSource,
  formatSources,
  type CheckName,
  type ClaimFact,
  type RequirementCheck,
  type SeedTitles,
  type RequirementRule,
  type RuleSource,
  type RulePack,
  type Scenario,
} from '../../../shared/rules';
import type { CareSetting, FilingType, InsuranceType } from '../../../shared/domain';
import { checkBankCard, checkIdNumber, isMobilePhone, isRealDate } from '../../../shared/validators';
import { invoiceLabel, type ParsedInvoice } from '../invoices/parse';
import type { InvoiceDuplicate } from '../invoices/store';
import type { Fields } from '../../../shared/fields';
import { crossDocumentProblems, type CrossDocument, type CrossPage } from './cross-document';
import { addDays, addPeriod, daysBetween, describePeriod } from './dates';
import { crossesProvince, sameRegion } from './regions';
import { describePeriodEn, formatDateEn, formatDateZh } from './words';

/** A claim elsewhere that already holds this invoice (found in the invoice index, invoices/store.ts). */
export type { InvoiceDuplicate };

/** The facts of a claim the rules look at, whatever it was read from (manifest or database). */
export interface ClaimFacts {
  claimant: {
    name: string;
    idNumber: string;
    insuranceType: InsuranceType;
    insuredRegion: string;
    phone?: string | null | undefined;
    bankAccount?: { bank: string; number: string; holder: string } | null | undefined;
  };
  applicant: { relation: 'self' } | { relation: AgentRelation; name: string; idNumber: string };
  careSetting: CareSetting;
  hospital: string;
  treatmentRegion: string;
  visitDate?: string | null | undefined;
  admissionDate?: string | null | undefined;
  dischargeDate?: string | null | undefined;
  totalAmount?: number | null | undefined;
  crossRegion?:
    | {
        filingType: FilingType;
        filingDate?: string | null | undefined;
        /** Filed at the 经办机构's window: the filled-in 异地就医登记备案表 belongs in the claim. */
        offline?: boolean | undefined;
      }
    | null
    | undefined;
  specialDrugs?: boolean | undefined;
  /** The applicant marked the printed 诚信承诺书 as signed. */
  pledgeSigned?: boolean | undefined;
}

export interface EvaluatedPage {
  /** Field path for messages, e.g. documents[2].files[0]. */
  field: string;
  /** File name shown to people. */
  name: string;
  /** The page's quality report, when it was checked. */
  quality?: QualityReport | null | undefined;
  /** Text of a born-digital PDF, when extracted (used for the 急诊 mark). */
  text?: string | null | undefined;
  /** What is printed on the page, read and corrected (mergeFields: the person's value wins). */
  fields?: Fields | undefined;
}

export interface EvaluatedDocument {
  /** Position in the claim (manifest order): what requirement.documents refers to. */
  index: number;
  kind: DocumentKind;
  pages: EvaluatedPage[];
  /** Things the person confirmed by looking at the paper, e.g. "emergency_mark". */
  confirmed?: readonly string[] | undefined;
}

/** What was read from one invoice page (QR payload) and what it collides with. */
export interface InvoiceEvidence {
  documentIndex: number;
  field: string;
  name: string;
  parsed: ParsedInvoice | null;
  duplicates: InvoiceDuplicate[];
  /** Another page of this same claim that is the same invoice (field path). */
  repeatOf?: string | undefined;
}

export interface EvaluateOptions {
  /** YYYY-MM-DD that deadlines are measured from. */
  today: string;
  pack: RulePack;
  invoices?: readonly InvoiceEvidence[] | undefined;
}

/** Report plus the order the bundle lays documents out in (each document once, checklist order). */
export type ClaimEvaluation = EvaluationReport & {
  documentOrder: number[];
  pack: { id: string; name: string; version: string };
};

const CHECK_FINDING: Partial<Record<CheckName, string>> = {
  four_corners: 'incomplete_page',
  seal: 'seal_missing',
};
const EMERGENCY_WORDS = '急诊';
/** A person's mark on an `id_card` document: its photos show the applicant's card beside the insured's. */
export const HOLDS_BOTH_CARDS = 'holds_both_cards';
const BOTH_CARDS_NOTE = '身份证照片里已有代办人的身份证';
const BOTH_CARDS_NOTE_EN = 'the ID card photos already show the applicant’s card';

/**
 * `id_card` documents that also show a relative applicant's card (issue 12: "an `id_card` document holding
 * both cards satisfies both"): marked so by the person, or the applicant's ID number or name read/typed on
 * one of its pages (fields `idNumber` / `name`, or the page's words).
 */
function idCardsHoldingApplicant(
  c: ClaimFacts,
  documents: readonly EvaluatedDocument[],
): EvaluatedDocument[] {
  const a = c.applicant;
  if (a.relation === 'self' || a.relation === 'helper') return [];
  const norm = (v: unknown) =>
    String(v ?? '')
      .replace(/\s/g, '')
      .toUpperCase();
  const id = norm(a.idNumber);
  const name = norm(a.name);
  const shows = (p: EvaluatedPage) => {
    const readId = norm(p.fields?.idNumber?.value);
    const readName = norm(p.fields?.name?.value);
    const text = norm(p.text);
    return (
      (id.length === 18 && (readId === id || text.includes(id))) ||
      (name.length > 0 && name !== norm(c.claimant.name) && readName === name)
    );
  };
  return documents.filter(
    (d) =>
      d.kind === 'id_card' &&
      d.pages.length > 0 &&
      (d.confirmed?.includes(HOLDS_BOTH_CARDS) === true || d.pages.some(shows)),
  );
}

function scenarioOf(c: ClaimFacts): Scenario {
  const relation = c.applicant.relation;
  return {
    careSetting: c.careSetting,
    filing: c.crossRegion ? c.crossRegion.filingType : 'local',
    applicant: relation === 'self' ? 'self' : relation === 'helper' ? 'helper' : 'relative',
    relation,
    specialDrugs: c.specialDrugs === true,
    insuranceType: c.claimant.insuranceType,
    offlineFiling: c.crossRegion?.offline === true,
  };
}

/** Facts that stand in for a paper (satisfiedBy in the pack). */
export function factsOf(c: ClaimFacts): Set<ClaimFact> {
  const facts = new Set<ClaimFact>();
  if ((c.claimant.bankAccount?.number ?? '').replace(/\s/g, '') !== '') facts.add('bank_account_number');
  if (c.pledgeSigned === true) facts.add('pledge_signed');
  return facts;
}

/** Source text in both languages plus the sources as data, for a requirement or problem. */
function sourceFields(sources: readonly RuleSource[], titles: SeedTitles) {
  const list = uniqueSources(sources);
  return {
    source: formatSources(list, titles),
    sourceEn: formatSources(list, titles, 'en'),
    sources: list.map((s) => ({
      seed: s.seed,
      ...(titles[s.seed] ? { title: titles[s.seed]!.zh } : {}),
      phrase: s.phrase,
    })),
  };
}

function uniqueSources(sources: readonly RuleSource[]): RuleSource[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const k = formatSource(s);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Whether one document passes one check; null when it could not be judged (no quality report yet). */
function passesCheck(doc: EvaluatedDocument, check: CheckName): boolean | null {
  if (check === 'emergency_mark') {
    if (doc.confirmed?.includes('emergency_mark')) return true;
    return doc.pages.some((p) => p.text?.includes(EMERGENCY_WORDS) === true);
  }
  const reports = doc.pages.map((p) => p.quality).filter((q): q is QualityReport => !!q);
  if (reports.length === 0) return null;
  if (check === 'readable') return !reports.some((r) => r.verdict === 'fail');
  const code = CHECK_FINDING[check];
  return !reports.some((r) => r.findings.some((f) => f.code === code));
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
  const implicit: RequirementCheck = {
    check: 'readable',
    hint: `${rule.title}的照片没有通过检查，需要重拍`,
    hintEn: `The photo of the ${(rule.titleEn ?? rule.title).toLowerCase()} did not pass the check; please retake it`,
    sources: rule.sources,
  };
  return [implicit, ...rule.checks];
}

function evaluateRequirement(
  rule: RequirementRule,
  scenario: Scenario,
  documents: readonly EvaluatedDocument[],
  facts: ReadonlySet<ClaimFact>,
  titles: SeedTitles,
  bothCards: readonly EvaluatedDocument[] = [],
): RequirementResult {
  const substitutes = rule.substitutes.filter((s) => conditionHolds(s.when, scenario));
  const accepted = new Set<DocumentKind>([...rule.kinds, ...substitutes.flatMap((s) => s.kinds)]);
  const own = documents.filter((d) => accepted.has(d.kind) && d.pages.length > 0);
  // The insured's ID card photos that also show the applicant's card count for the applicant's card, when
  // no separate photo of it was added.
  const borrowed =
    own.length === 0 && accepted.has('applicant_id_card') && !accepted.has('id_card') ? bothCards : [];
  const matching = [...own, ...borrowed];
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
    // No paper, but a fact of the claim that stands in for it (the account number filled in, the pledge signed).
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
    if (rule.providedByApp) {
      return {
        ...base,
        status: 'needs_attention',
        pending: 'signature',
        reason: `打印后签名：${reason}`,
        reasonEn: `Sign after printing: ${reasonEn}`,
        ...sourceFields(sources, titles),
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
  const checks = checksFor(rule).filter((c) => conditionHolds(c.when, scenario));
  const explainedCodes = new Set(checks.map((c) => CHECK_FINDING[c.check]).filter((c): c is string => !!c));
  for (const check of checks) {
    const failing: EvaluatedDocument[] = [];
    for (const doc of matching) {
      const ok = passesCheck(doc, check.check);
      if (ok === null) unchecked = true;
      else if (!ok) failing.push(doc);
    }
    if (failing.length > 0) {
      const ordinals = failing.map((d) => d.index + 1).join('、');
      const which = matching.length > 1 ? `（第 ${ordinals} 份材料）` : '';
      const whichEn = matching.length > 1 ? ` (paper ${ordinals.replace(/、/g, ', ')})` : '';
      // For an unreadable photo, say what the checker saw (glare, blur…) after the rule's own words.
      const seen = check.check === 'readable' ? failedFindings(failing, explainedCodes) : [];
      problems.push(`${check.hint}${which}${seen.length > 0 ? `：${seen.join('；')}` : ''}`);
      problemsEn.push(`${check.hintEn ?? check.hint}${whichEn}`);
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
  const notes = [
    ...(borrowed.length > 0 ? [BOTH_CARDS_NOTE] : []),
    ...(matching.some((d) => d.kind === 'integrity_pledge') ? ['已附签名的承诺书'] : []),
    ...(rule.bring ? [rule.bring] : []),
    ...(unchecked ? ['照片质量尚未检查'] : []),
  ];
  const notesEn = [
    ...(borrowed.length > 0 ? [BOTH_CARDS_NOTE_EN] : []),
    ...(matching.some((d) => d.kind === 'integrity_pledge') ? ['the signed pledge is attached'] : []),
    ...(rule.bringEn ? [rule.bringEn] : []),
    ...(unchecked ? ['photos not checked yet'] : []),
  ];
  return {
    ...base,
    status: 'satisfied',
    reason: `已提供 ✓${notes.length ? `（${notes.join('；')}）` : ''}`,
    reasonEn: `Provided ✓${notesEn.length ? ` (${notesEn.join('; ')})` : ''}`,
    ...sourceFields(sources, titles),
  };
}

// ---------- problems ----------

/** What the problem checks share: the pack's seed titles (for sources) and where problems go. */
interface ProblemSink {
  out: Problem[];
  titles: SeedTitles;
}

function push(
  sink: ProblemSink,
  p: Omit<Problem, 'source' | 'sourceEn'> & { messageEn: string },
  sources?: readonly RuleSource[],
  extra?: { zh: string; en: string },
): void {
  const src = sources?.length ? sourceFields(sources, sink.titles) : null;
  sink.out.push({
    ...p,
    ...(src
      ? {
          source: extra ? `${src.source}；${extra.zh}` : src.source,
          sourceEn: extra ? `${src.sourceEn}; ${extra.en}` : src.sourceEn,
        }
      : {}),
  });
}

function checkDates(
  c: ClaimFacts,
  today: string,
  sink: ProblemSink,
): { start: string | null; end: string | null } {
  const dated = (
    field: string,
    value: string | null | undefined,
    label: string,
    labelEn: string,
  ): string | null => {
    if (!value) return null;
    if (!isRealDate(value)) {
      push(sink, {
        code: 'date_order',
        severity: 'error',
        field,
        message: `${label}“${value}”不是真实存在的日期，请核对`,
        messageEn: `The ${labelEn} “${value}” is not a real date; please check it`,
      });
      return null;
    }
    if (value > today) {
      push(sink, {
        code: 'date_order',
        severity: 'error',
        field,
        message: `${label}${formatDateZh(value)}晚于今天（${formatDateZh(today)}），请核对`,
        messageEn: `The ${labelEn} ${formatDateEn(value)} is after today (${formatDateEn(today)}); please check it`,
      });
    }
    return value;
  };
  if (c.careSetting === 'inpatient') {
    const start = dated('claim.admissionDate', c.admissionDate, '入院日期', 'admission date');
    const end = dated('claim.dischargeDate', c.dischargeDate, '出院日期', 'discharge date');
    if (!c.admissionDate)
      push(sink, {
        code: 'date_missing',
        severity: 'error',
        field: 'claim.admissionDate',
        message: '住院报销需要填写入院日期',
        messageEn: 'An inpatient claim needs the admission date',
      });
    if (!c.dischargeDate) {
      push(sink, {
        code: 'date_missing',
        severity: 'error',
        field: 'claim.dischargeDate',
        message: '住院报销需要填写出院日期（提交期限从出院日算起）',
        messageEn: 'An inpatient claim needs the discharge date (the deadline counts from it)',
      });
    }
    if (start && end && start > end) {
      push(sink, {
        code: 'date_order',
        severity: 'error',
        field: 'claim.dischargeDate',
        message: `出院日期${formatDateZh(end)}早于入院日期${formatDateZh(start)}，请核对`,
        messageEn: `The discharge date ${formatDateEn(end)} is before the admission date ${formatDateEn(start)}; please check`,
      });
    }
    return { start, end };
  }
  const visit = dated('claim.visitDate', c.visitDate, '就诊日期', 'visit date');
  if (!c.visitDate) {
    push(sink, {
      code: 'date_missing',
      severity: 'error',
      field: 'claim.visitDate',
      message: '门诊报销需要填写就诊日期（提交期限从门诊就诊日算起）',
      messageEn: 'An outpatient claim needs the visit date (the deadline counts from it)',
    });
  }
  // A manifest may give an outpatient course as admissionDate…dischargeDate (visitDate = the last one).
  const first =
    c.admissionDate && visit && c.admissionDate < visit && isRealDate(c.admissionDate)
      ? c.admissionDate
      : visit;
  return { start: first, end: visit };
}

function checkDeadline(
  c: ClaimFacts,
  end: string | null,
  today: string,
  pack: RulePack,
  sink: ProblemSink,
): EvaluationReport['deadline'] {
  if (!end) return null;
  const rule = pack.time.submission;
  const deadline = addPeriod(end, rule.period);
  const daysLeft = daysBetween(today, deadline);
  const source = formatSources(rule.sources, sink.titles);
  const inpatient = c.careSetting === 'inpatient';
  const field = inpatient ? 'claim.dischargeDate' : 'claim.visitDate';
  // 003 says 出院或门诊结束后: each claim is one or the other, so say the one that applies.
  const from = `${inpatient ? '出院' : '门诊就诊'}（${formatDateZh(end)}）后${describePeriod(rule.period)}内`;
  const fromEn = `within ${describePeriodEn(rule.period)} after ${inpatient ? 'discharge' : 'the outpatient visit'} (${formatDateEn(end)})`;
  if (daysLeft < 0) {
    push(
      sink,
      {
        code: 'deadline_passed',
        severity: 'error',
        field,
        message: `已超过提交期限：应在${from}提交，截止${formatDateZh(deadline)}，已过 ${-daysLeft} 天。按规定超过期限一般不能再报销；如有特殊情况，请向参保地医保经办机构或 12393 咨询`,
        messageEn: `The deadline has passed: the claim was due ${fromEn}, by ${formatDateEn(deadline)}, ${-daysLeft} days ago. Late claims are generally not reimbursed; ask the insured place's office or call 12393 if there were special circumstances`,
      },
      rule.sources,
    );
  } else if (daysLeft <= rule.warnDaysBefore) {
    const left = daysLeft === 0 ? '今天是最后一天' : `还剩 ${daysLeft} 天`;
    const leftEn = daysLeft === 0 ? 'today is the last day' : `${daysLeft} days left`;
    push(
      sink,
      {
        code: 'deadline_near',
        severity: 'warning',
        field,
        message: `提交期限快到了：应在${from}提交，截止${formatDateZh(deadline)}，${left}，请尽快提交`,
        messageEn: `The deadline is near: the claim is due ${fromEn}, by ${formatDateEn(deadline)}; ${leftEn}. Please hand it in soon`,
      },
      rule.sources,
    );
  }
  return { date: deadline, daysLeft, source };
}

function validityFor(pack: RulePack, type: FilingType) {
  const v = pack.time.filingValidity;
  return v.byType[type] ?? (LONG_TERM_FILING_TYPES.includes(type) ? v.longTerm : v.temporary);
}

function warnUnstatedCrossRegion(c: ClaimFacts, sink: ProblemSink): void {
  if (sameRegion(c.claimant.insuredRegion, c.treatmentRegion)) return;
  push(sink, {
    code: 'cross_region_unstated',
    severity: 'warning',
    field: 'claim.crossRegion',
    message: `就医地（${c.treatmentRegion}）和参保地（${c.claimant.insuredRegion}）不同。如属异地就医，请填写备案类型（没备案的选“未备案”），才能列出异地就医需要的材料`,
    messageEn: `The place of care (${c.treatmentRegion}) differs from the insured place (${c.claimant.insuredRegion}). If this was care away from home, choose the filing type (or “not filed”) so the papers it needs can be listed`,
  });
}

function checkFiling(
  c: ClaimFacts,
  start: string | null,
  today: string,
  pack: RulePack,
  sink: ProblemSink,
): void {
  const cross = c.crossRegion;
  if (!cross) {
    warnUnstatedCrossRegion(c, sink);
    return;
  }
  const type = cross.filingType;
  const label = FILING_TYPE_LABELS[type].zh;
  const labelEn = FILING_TYPE_LABELS[type].en;
  if (type !== 'not_filed' && sameRegion(c.claimant.insuredRegion, c.treatmentRegion)) {
    // A cross-region filing for care in the insured city itself: one of the two places is probably wrong.
    push(sink, {
      code: 'filing_in_insured_region',
      severity: 'warning',
      field: 'claim.crossRegion',
      message: `填写了${label}备案，但就医地（${c.treatmentRegion}）和参保地（${c.claimant.insuredRegion}）在同一个城市，一般不需要异地就医备案。请核对就医地和参保地；确属本地就医的，备案类型请选“本地就医”`,
      messageEn: `A ${labelEn.toLowerCase()} filing is given, but the place of care (${c.treatmentRegion}) and the insured place (${c.claimant.insuredRegion}) are the same city, where no cross-region filing is needed. Check both places; for local care choose “local”`,
    });
  }
  if (type === 'not_filed') {
    const rule = pack.time.notFiled;
    push(
      sink,
      {
        code: 'not_filed',
        severity: rule.severity,
        field: 'claim.crossRegion.filingType',
        message:
          '异地就医未备案：报销比例可能降低，也可能无法报销。请先向参保地医保经办机构问清能否补办备案、能否报销',
        messageEn:
          'Care away from home without a filing: the reimbursed share may be lower, or the claim may not be reimbursed at all. Ask the insured place’s office first whether a late filing is possible and whether it can be claimed',
      },
      rule.sources,
    );
    return;
  }
  const filed = cross.filingDate ?? null;
  if (!filed) {
    push(sink, {
      code: 'filing_date_missing',
      severity: 'warning',
      field: 'claim.crossRegion.filingDate',
      message: `请填写${label}备案的日期，才能核对备案是否及时、就医时是否在有效期内`,
      messageEn: `Enter the date of the ${labelEn.toLowerCase()} filing, so its timing and validity can be checked`,
    });
    return;
  }
  if (!isRealDate(filed)) return;
  if (filed > today) {
    push(sink, {
      code: 'date_order',
      severity: 'error',
      field: 'claim.crossRegion.filingDate',
      message: `备案日期${formatDateZh(filed)}晚于今天（${formatDateZh(today)}），请核对`,
      messageEn: `The filing date ${formatDateEn(filed)} is after today (${formatDateEn(today)}); please check it`,
    });
  }
  if (!start) return;
  if (type === 'emergency') {
    const rule = pack.time.emergencyFiling;
    // 001: 急诊抢救人员需在住院后3天内完成备案 — a window counted from admission; an outpatient emergency has none.
    if (!rule.careSettings || rule.careSettings.includes(c.careSetting)) {
      const last = addPeriod(start, rule.period);
      if (filed > last) {
        push(
          sink,
          {
            code: 'filing_late',
            severity: rule.severity,
            field: 'claim.crossRegion.filingDate',
            message: `异地急诊抢救应在住院后${describePeriod(rule.period)}内备案（${formatDateZh(start)}入院，最晚${formatDateZh(last)}），实际${formatDateZh(filed)}才备案，可能按未备案处理、报销比例降低`,
            messageEn: `An emergency filing is due within ${describePeriodEn(rule.period)} of admission (admitted ${formatDateEn(start)}, last day ${formatDateEn(last)}); it was filed on ${formatDateEn(filed)} and may be treated as not filed, with a lower share reimbursed`,
          },
          rule.sources,
        );
      }
    }
  } else if (filed > start) {
    const rule = pack.time.filingBeforeCare;
    push(
      sink,
      {
        code: 'filing_late',
        severity: rule.severity,
        field: 'claim.crossRegion.filingDate',
        message: `${label}备案应在异地就医前办理：就医从${formatDateZh(start)}开始，备案日期却是${formatDateZh(filed)}。晚于就医的费用可能按未备案处理`,
        messageEn: `A ${labelEn.toLowerCase()} filing should be made before the care: care began ${formatDateEn(start)} but the filing is dated ${formatDateEn(filed)}. Costs before the filing may be treated as not filed`,
      },
      rule.sources,
    );
  }
  const validity = validityFor(pack, type);
  // 004's figures are stated for 跨省 filings; within one province the insured place sets its own.
  if (validity.crossProvinceOnly && crossesProvince(c.claimant.insuredRegion, c.treatmentRegion) === false)
    return;
  const lastValid = addDays(addPeriod(filed, validity.period), -1);
  if (start <= lastValid) return;
  const disagree = {
    zh: validity.disagreements
      .map((d) => `${formatSource(d.source, sink.titles)}（另一说法：${d.says}）`)
      .join('；'),
    en: validity.disagreements
      .map((d) => `${formatSource(d.source, sink.titles, 'en')} (another guide: ${d.says})`)
      .join('; '),
  };
  const extra = validity.disagreements.length ? disagree : undefined;
  if (validity.meaning === 'minimum') {
    push(
      sink,
      {
        code: 'filing_validity_unconfirmed',
        severity: 'warning',
        field: 'claim.crossRegion.filingDate',
        message: `${label}备案于${formatDateZh(filed)}办理，就医日期${formatDateZh(start)}已超过${describePeriod(validity.period)}。指南只规定长期备案不得短于这个时限，有的地方长期有效，所以这不一定是过期：请在“国家医保服务平台”app 的“备案记录”里确认就医时备案仍然有效`,
        messageEn: `The ${labelEn.toLowerCase()} filing was made on ${formatDateEn(filed)}; care on ${formatDateEn(start)} is more than ${describePeriodEn(validity.period)} later. The guides set this only as a minimum (some places keep long-term filings open), so it has not necessarily expired: confirm in the app’s filing record (备案记录) that it was valid at the time of care`,
      },
      validity.sources,
      extra,
    );
    return;
  }
  push(
    sink,
    {
      code: 'filing_expired',
      severity: validity.severity,
      field: 'claim.crossRegion.filingDate',
      message: `${label}备案于${formatDateZh(filed)}办理，有效期${describePeriod(validity.period)}（到${formatDateZh(lastValid)}），就医日期${formatDateZh(start)}已超出有效期，请核对备案记录或重新备案`,
      messageEn: `The ${labelEn.toLowerCase()} filing of ${formatDateEn(filed)} is valid for ${describePeriodEn(validity.period)} (until ${formatDateEn(lastValid)}); care on ${formatDateEn(start)} is after that. Check the filing record or file again`,
    },
    validity.sources,
    extra,
  );
}

const OLDER_RELATIONS: readonly AgentRelation[] = ['parent', 'grandparent'];
const YOUNGER_RELATIONS: readonly AgentRelation[] = ['child', 'grandchild'];

function checkIdentity(c: ClaimFacts, today: string, sink: ProblemSink): void {
  const claimantId = checkIdNumber(c.claimant.idNumber, today);
  if (!claimantId.ok) {
    push(sink, {
      code: 'id_invalid',
      severity: 'error',
      field: 'claimant.idNumber',
      message: `参保人${claimantId.zh}`,
      messageEn: `Insured person: ${claimantId.en}`,
    });
  }
  const a = c.applicant;
  if (a.relation !== 'self') {
    const applicantId = checkIdNumber(a.idNumber, today);
    if (!applicantId.ok) {
      push(sink, {
        code: 'id_invalid',
        severity: 'error',
        field: 'applicant.idNumber',
        message: `代办人${applicantId.zh}`,
        messageEn: `Applicant: ${applicantId.en}`,
      });
    } else if (a.idNumber.trim().toUpperCase() === c.claimant.idNumber.trim().toUpperCase()) {
      push(sink, {
        code: 'relation_invalid',
        severity: 'error',
        field: 'applicant.idNumber',
        message: '代办人的身份证号和参保人相同。参保人本人办理时，“谁来办理”请选“本人”',
        messageEn:
          'The applicant’s ID number is the insured person’s own. If the insured person applies in person, choose “self” as who applies',
      });
    } else if (claimantId.ok) {
      // A parent younger than the insured person (or a child older) means one of the two numbers is wrong.
      const older = applicantId.birthDate < claimantId.birthDate;
      const younger = applicantId.birthDate > claimantId.birthDate;
      if (
        (OLDER_RELATIONS.includes(a.relation) && !older) ||
        (YOUNGER_RELATIONS.includes(a.relation) && !younger)
      ) {
        push(sink, {
          code: 'relation_invalid',
          severity: 'warning',
          field: 'applicant.relation',
          message: `代办人的出生日期（${formatDateZh(applicantId.birthDate)}）和参保人（${formatDateZh(claimantId.birthDate)}）不符合所填的关系，请核对关系或身份证号`,
          messageEn: `The applicant’s birth date (${formatDateEn(applicantId.birthDate)}) and the insured person’s (${formatDateEn(claimantId.birthDate)}) do not fit the relation given; check the relation or the ID numbers`,
        });
      }
    }
  }
  const phone = c.claimant.phone;
  if (phone !== undefined && phone !== null && phone.trim() !== '' && !isMobilePhone(phone)) {
    push(sink, {
      code: 'phone_invalid',
      severity: 'error',
      field: 'claimant.phone',
      message: `手机号“${phone}”不对：应为以 1 开头的 11 位数字`,
      messageEn: `The mobile number “${phone}” is not right: it should be 11 digits starting with 1`,
    });
  }
  const bank = c.claimant.bankAccount;
  if (bank) {
    const card = checkBankCard(bank.number);
    if (!card.ok) {
      push(sink, {
        code: 'bank_card_suspect',
        severity: 'error',
        field: 'claimant.bankAccount.number',
        message: card.zh,
        messageEn: card.en,
      });
    } else if (!card.luhn) {
      push(sink, {
        code: 'bank_card_suspect',
        severity: 'warning',
        field: 'claimant.bankAccount.number',
        message:
          '银行卡号没有通过校验，可能抄错了一位，请对照银行卡核对（少数卡号本身不符合校验规则，核对无误可忽略）',
        messageEn:
          'The bank card number fails its check digit and may have a typo; compare it with the card (a few genuine cards fail this check — ignore it if the number is right)',
      });
    }
    if (bank.holder.replace(/\s/g, '') !== c.claimant.name.replace(/\s/g, '')) {
      push(sink, {
        code: 'bank_card_suspect',
        severity: 'warning',
        field: 'claimant.bankAccount.holder',
        message: `收款银行卡的持卡人（${bank.holder}）不是参保人（${c.claimant.name}）本人。报销款一般只打到参保人本人的银行卡`,
        messageEn: `The card holder (${bank.holder}) is not the insured person (${c.claimant.name}). Reimbursements are normally paid only to the insured person’s own card`,
      });
    }
  }
}

function checkQuality(documents: readonly EvaluatedDocument[], sink: ProblemSink): void {
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

function checkInvoices(invoices: readonly InvoiceEvidence[], sink: ProblemSink): void {
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

function crossClaimOf(c: ClaimFacts) {
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
      c.applicant.relation === 'self' || c.applicant.relation === 'helper'
        ? null
        : { name: c.applicant.name, idNumber: c.applicant.idNumber },
  };
}

/**
 * The documents with what each invoice's QR code says added as readings: exact digits, so they win over
 * OCR, but a value the person typed still wins over them. Invoice evidence whose document is not in the
 * list (a caller that passes only invoices) becomes a document of its own so its amount still counts.
 */
function invoiceReadings(
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

/**
 * A requirement is not 已提供 while one of its papers carries an error (a photo that failed its check, an
 * invoice already used in another claim): the checklist, the board and the bundle all read this one status.
 */
function foldDocumentErrors(
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
function documentOrderOf(
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

/**
 * English for the cross-document problems, which are written in Chinese only: the general sentence per code
 * (the Chinese message names the paper and the values).
 */
const CROSS_DOCUMENT_EN: Partial<Record<Problem['code'], string>> = {
  name_mismatch:
    'A name printed on one of the papers differs from the insured person’s name; check it is not someone else’s paper',
  id_mismatch:
    'An ID number printed on one of the papers differs from the insured person’s; check the number or the paper',
  date_outside_care:
    'A date printed on one of the papers is outside the dates of care; check it belongs to this visit or stay',
  amount_words_mismatch: 'An invoice’s amount in words differs from its amount in figures; check the invoice',
  amount_unverified:
    'The total could not be checked: an invoice amount was not read; compare the total with the invoices',
  amount_mismatch: 'The total entered differs from the invoices’ amounts; please check',
  bill_total_mismatch:
    'The itemised bill’s total differs from the invoices’ total; check the bill is complete and matches the invoices',
  hospital_mismatch:
    'A hospital printed on one of the papers differs from the hospital entered; check the paper belongs to this claim',
};

/**
 * Evaluates one claim against a rule pack: which requirements are satisfied, missing or need attention (in
 * the pack's checklist order), and the problems found in its fields, dates, photos and invoices.
 */
export function evaluateClaim(
  claim: ClaimFacts,
  documents: readonly EvaluatedDocument[],
  options: EvaluateOptions,
): ClaimEvaluation {
  const { today, pack } = options;
  const scenario = scenarioOf(claim);
  const facts = factsOf(claim);
  const bothCards = idCardsHoldingApplicant(claim, documents);
  const requirements = pack.requirements
    .filter((r) => conditionHolds(r.when, scenario))
    .map((r) => evaluateRequirement(r, scenario, documents, facts, pack.seeds, bothCards));
  const problems: Problem[] = [];
  const sink: ProblemSink = { out: problems, titles: pack.seeds };
  const { start, end } = checkDates(claim, today, sink);
  const deadline = checkDeadline(claim, end, today, pack, sink);
  checkFiling(claim, start, today, pack, sink);
  checkIdentity(claim, today, sink);
  checkQuality(documents, sink);
  checkInvoices(options.invoices ?? [], sink);
  // Cross-document checks (issue 11): printed fields vs the claim and each other. Kept one call on purpose.
  problems.push(
    ...crossDocumentProblems(crossClaimOf(claim), invoiceReadings(documents, options.invoices ?? [])).map(
      (p) => (p.messageEn ? p : { ...p, messageEn: CROSS_DOCUMENT_EN[p.code] ?? p.message }),
    ),
  );
  // Errors first, so a printed checklist starts with what blocks the claim.
  problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const judged = foldDocumentErrors(requirements, problems);
  return {
    // The pledge waiting for its signature is not a gap: the bundle carries the page to sign.
    complete: judged.every((r) => r.status === 'satisfied' || r.pending === 'signature'),
    requirements: judged,
    problems,
    deadline,
    documentOrder: documentOrderOf(requirements, documents),
    pack: { id: pack.id, name: pack.name, version: pack.version },
  };
}

/**
 * Kinds whose words must be read for this claim (the 急诊 mark in an emergency claim): adapters read the text
 * of only these documents, since OCR costs a second or more per photo.
 */
export function kindsNeedingText(pack: RulePack, claim: ClaimFacts): Set<DocumentKind> {
  const scenario = scenarioOf(claim);
  const kinds = new Set<DocumentKind>();
  for (const r of pack.requirements) {
    if (!conditionHolds(r.when, scenario)) continue;
    if (!r.checks.some((c) => c.check === 'emergency_mark' && conditionHolds(c.when, scenario))) continue;
    const substitutes = r.substitutes.filter((s) => conditionHolds(s.when, scenario));
    for (const k of [...r.kinds, ...substitutes.flatMap((s) => s.kinds)]) kinds.add(k);
  }
  return kinds;
}

/** Kinds on which some requirement of the pack reads words (the 急诊 mark), under any condition. */
export function kindsWithWordChecks(pack: RulePack): Set<DocumentKind> {
  const kinds = new Set<DocumentKind>();
  for (const r of pack.requirements) {
    if (!r.checks.some((c) => c.check === 'emergency_mark')) continue;
    for (const k of [...r.kinds, ...r.substitutes.flatMap((s) => s.kinds)]) kinds.add(k);
  }
  return kinds;
}

/** Exit status of `evaluate`: 0 only when complete and no error-level problem. */
export { isReadyToSubmit } from '../../../shared/evaluation';
