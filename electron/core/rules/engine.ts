// The completeness and validity engine: one pure function from a claim's facts, its documents and a rule
// pack to the EvaluationReport. Adapters (manifest.ts beside this, stored-claim.ts) gather the facts; the
// engine never reads files or the database, so the CLI, the desktop app and the tests share it exactly.
import {
  DOCUMENT_KIND_LABELS,
  FILING_TYPE_LABELS,
  LONG_TERM_FILING_TYPES,
  type DocumentKind,
} from '../../../shared/domain';
import type { EvaluationReport, Problem, RequirementResult } from '../../../shared/evaluation';
import type { QualityReport } from '../../../shared/quality';
import {
  conditionHolds,
  formatSource,
  formatSources,
  type CheckName,
  type RequirementRule,
  type RuleSource,
  type RulePack,
  type Scenario,
} from '../../../shared/rules';
import type { CareSetting, FilingType, InsuranceType, RelativeRelation } from '../../../shared/domain';
import { checkBankCard, checkIdNumber, isMobilePhone, isRealDate } from '../../../shared/validators';
import { invoiceLabel, type ParsedInvoice } from '../invoices/parse';
import { addDays, addPeriod, daysBetween, describePeriod } from './dates';

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
  applicant: { relation: 'self' } | { relation: RelativeRelation; name: string; idNumber: string };
  careSetting: CareSetting;
  hospital: string;
  treatmentRegion: string;
  visitDate?: string | null | undefined;
  admissionDate?: string | null | undefined;
  dischargeDate?: string | null | undefined;
  totalAmount?: number | null | undefined;
  crossRegion?: { filingType: FilingType; filingDate?: string | null | undefined } | null | undefined;
  specialDrugs?: boolean | undefined;
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
}

export interface EvaluatedDocument {
  /** Position in the claim (manifest order): what requirement.documents refers to. */
  index: number;
  kind: DocumentKind;
  pages: EvaluatedPage[];
  /** Things the person confirmed by looking at the paper, e.g. "emergency_mark". */
  confirmed?: readonly string[] | undefined;
}

/** A claim elsewhere that already holds this invoice. */
export interface InvoiceDuplicate {
  claimReference: string;
  claimId?: number | undefined;
  claimantName?: string | undefined;
  by: 'qr' | 'image';
  /** The very same file bytes (only meaningful with by: 'image'). */
  identicalFile?: boolean | undefined;
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

/** Invoice total and claim total may differ by rounding only. */
const AMOUNT_TOLERANCE_FEN = 1;

const CHECK_FINDING: Partial<Record<CheckName, string>> = {
  four_corners: 'incomplete_page',
  seal: 'seal_missing',
};
const EMERGENCY_WORDS = '急诊';

function scenarioOf(c: ClaimFacts): Scenario {
  return {
    careSetting: c.careSetting,
    filing: c.crossRegion ? c.crossRegion.filingType : 'local',
    applicant: c.applicant.relation === 'self' ? 'self' : 'relative',
    specialDrugs: c.specialDrugs === true,
    insuranceType: c.claimant.insuranceType,
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

function kindList(kinds: readonly DocumentKind[]): string {
  return kinds.map((k) => DOCUMENT_KIND_LABELS[k].zh).join('或');
}

function evaluateRequirement(
  rule: RequirementRule,
  scenario: Scenario,
  documents: readonly EvaluatedDocument[],
): RequirementResult {
  const substitutes = rule.substitutes.filter((s) => conditionHolds(s.when, scenario));
  const accepted = new Set<DocumentKind>([...rule.kinds, ...substitutes.flatMap((s) => s.kinds)]);
  const matching = documents.filter((d) => accepted.has(d.kind) && d.pages.length > 0);
  const sources = [...rule.sources, ...substitutes.flatMap((s) => s.sources)];
  const base = {
    id: rule.id,
    kinds: [...accepted],
    title: rule.title,
    documents: matching.map((d) => d.index),
  };

  if (rule.providedByApp) {
    return {
      ...base,
      status: 'satisfied',
      reason: rule.reason,
      source: formatSources(uniqueSources(sources)),
    };
  }
  if (matching.length < rule.minCount) {
    const have = matching.length > 0 ? `目前只有 ${matching.length} 份，` : '';
    const need =
      rule.minCount > 1
        ? `至少需要 ${rule.minCount} 份${kindList([...accepted])}。`
        : `缺少${kindList([...accepted])}。`;
    return {
      ...base,
      status: 'missing',
      reason: `${have}${need}${rule.reason}`,
      source: formatSources(uniqueSources(sources)),
    };
  }

  const problems: string[] = [];
  let unchecked = false;
  const checkSources: RuleSource[] = [];
  const checks = rule.checks.filter((c) => conditionHolds(c.when, scenario));
  const explainedCodes = new Set(checks.map((c) => CHECK_FINDING[c.check]).filter((c): c is string => !!c));
  for (const check of checks) {
    const failing: EvaluatedDocument[] = [];
    for (const doc of matching) {
      const ok = passesCheck(doc, check.check);
      if (ok === null) unchecked = true;
      else if (!ok) failing.push(doc);
    }
    if (failing.length > 0) {
      const which = matching.length > 1 ? `（第 ${failing.map((d) => d.index + 1).join('、')} 份材料）` : '';
      // For an unreadable photo, say what the checker saw (glare, blur…) after the rule's own words.
      const seen = check.check === 'readable' ? failedFindings(failing, explainedCodes) : [];
      problems.push(`${check.hint}${which}${seen.length > 0 ? `：${seen.join('；')}` : ''}`);
      checkSources.push(...check.sources);
    }
  }
  if (problems.length > 0) {
    return {
      ...base,
      status: 'needs_attention',
      reason: `${problems.join('；')}。`,
      source: formatSources(uniqueSources([...checkSources, ...sources])),
    };
  }
  const note = unchecked ? '（照片质量尚未检查）' : '';
  return {
    ...base,
    status: 'satisfied',
    reason: `已提供${note}。${rule.reason}`,
    source: formatSources(uniqueSources(sources)),
  };
}

// ---------- problems ----------

function checkDates(
  c: ClaimFacts,
  today: string,
  out: Problem[],
): { start: string | null; end: string | null } {
  const dated = (field: string, value: string | null | undefined, label: string): string | null => {
    if (!value) return null;
    if (!isRealDate(value)) {
      out.push({
        code: 'date_order',
        severity: 'error',
        field,
        message: `${label}“${value}”不是真实存在的日期，请写成 YYYY-MM-DD`,
      });
      return null;
    }
    if (value > today) {
      out.push({
        code: 'date_order',
        severity: 'error',
        field,
        message: `${label} ${value} 晚于今天（${today}），请核对`,
      });
    }
    return value;
  };
  if (c.careSetting === 'inpatient') {
    const start = dated('claim.admissionDate', c.admissionDate, '入院日期');
    const end = dated('claim.dischargeDate', c.dischargeDate, '出院日期');
    if (!c.admissionDate)
      out.push({
        code: 'date_missing',
        severity: 'error',
        field: 'claim.admissionDate',
        message: '住院报销需要填写入院日期',
      });
    if (!c.dischargeDate) {
      out.push({
        code: 'date_missing',
        severity: 'error',
        field: 'claim.dischargeDate',
        message: '住院报销需要填写出院日期（提交期限从出院日算起）',
      });
    }
    if (start && end && start > end) {
      out.push({
        code: 'date_order',
        severity: 'error',
        field: 'claim.dischargeDate',
        message: `出院日期 ${end} 早于入院日期 ${start}，请核对`,
      });
    }
    return { start, end };
  }
  const visit = dated('claim.visitDate', c.visitDate, '就诊日期');
  if (!c.visitDate) {
    out.push({
      code: 'date_missing',
      severity: 'error',
      field: 'claim.visitDate',
      message: '门诊报销需要填写就诊日期（提交期限从门诊结束日算起）',
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
  end: string | null,
  today: string,
  pack: RulePack,
  out: Problem[],
): EvaluationReport['deadline'] {
  if (!end) return null;
  const rule = pack.time.submission;
  const deadline = addPeriod(end, rule.period);
  const daysLeft = daysBetween(today, deadline);
  const source = formatSources(rule.sources);
  const field = 'claim.dischargeDate';
  const from = `出院或门诊结束（${end}）后${describePeriod(rule.period)}内`;
  if (daysLeft < 0) {
    out.push({
      code: 'deadline_passed',
      severity: 'error',
      field,
      source,
      message: `已超过提交期限：${from}需提交，截止 ${deadline}，已过 ${-daysLeft} 天，逾期视为放弃。如有特殊情况请向参保地医保经办机构或 12393 咨询`,
    });
  } else if (daysLeft <= rule.warnDaysBefore) {
    out.push({
      code: 'deadline_near',
      severity: 'warning',
      field,
      source,
      message: `提交期限快到了：${from}需提交，截止 ${deadline}，还剩 ${daysLeft} 天，请尽快提交`,
    });
  }
  return { date: deadline, daysLeft, source };
}

function validityFor(pack: RulePack, type: FilingType) {
  const v = pack.time.filingValidity;
  return v.byType[type] ?? (LONG_TERM_FILING_TYPES.includes(type) ? v.longTerm : v.temporary);
}

/** Region names are free text ("上海市", "江苏省南京市"): two places differ when neither contains the other. */
function sameRegion(a: string, b: string): boolean {
  const x = a.replace(/\s/g, '');
  const y = b.replace(/\s/g, '');
  return x === '' || y === '' || x.includes(y) || y.includes(x);
}

function warnUnstatedCrossRegion(c: ClaimFacts, out: Problem[]): void {
  if (sameRegion(c.claimant.insuredRegion, c.treatmentRegion)) return;
  out.push({
    code: 'cross_region_unstated',
    severity: 'warning',
    field: 'claim.crossRegion',
    message: `就医地（${c.treatmentRegion}）和参保地（${c.claimant.insuredRegion}）不同。如属异地就医，请填写备案类型（没备案的选“未备案”），才能列出异地就医需要的材料`,
  });
}

function checkFiling(
  c: ClaimFacts,
  start: string | null,
  today: string,
  pack: RulePack,
  out: Problem[],
): void {
  const cross = c.crossRegion;
  if (!cross) {
    warnUnstatedCrossRegion(c, out);
    return;
  }
  const type = cross.filingType;
  const label = FILING_TYPE_LABELS[type].zh;
  if (type === 'not_filed') {
    const rule = pack.time.notFiled;
    out.push({
      code: 'not_filed',
      severity: rule.severity,
      field: 'claim.crossRegion.filingType',
      source: formatSources(rule.sources),
      message:
        '异地就医未备案：仍可回参保地报销，但报销比例可能降低。如能补办备案，请向参保地医保经办机构咨询',
    });
    return;
  }
  const filed = cross.filingDate ?? null;
  if (!filed) {
    out.push({
      code: 'filing_date_missing',
      severity: 'warning',
      field: 'claim.crossRegion.filingDate',
      message: `请填写${label}备案的日期，才能核对备案是否及时、就医时是否在有效期内`,
    });
    return;
  }
  if (!isRealDate(filed)) return;
  if (filed > today) {
    out.push({
      code: 'date_order',
      severity: 'error',
      field: 'claim.crossRegion.filingDate',
      message: `备案日期 ${filed} 晚于今天（${today}），请核对`,
    });
  }
  if (!start) return;
  if (type === 'emergency') {
    const rule = pack.time.emergencyFiling;
    const last = addPeriod(start, rule.period);
    if (filed > last) {
      out.push({
        code: 'filing_late',
        severity: rule.severity,
        field: 'claim.crossRegion.filingDate',
        source: formatSources(rule.sources),
        message: `异地急诊抢救应在入院后${describePeriod(rule.period)}内备案（${start} 入院，最晚 ${last}），实际 ${filed} 才备案，可能按未备案处理、报销比例降低`,
      });
    }
  } else if (filed > start) {
    const rule = pack.time.filingBeforeCare;
    out.push({
      code: 'filing_late',
      severity: rule.severity,
      field: 'claim.crossRegion.filingDate',
      source: formatSources(rule.sources),
      message: `${label}备案应在异地就医前办理：就医从 ${start} 开始，备案日期却是 ${filed}。晚于就医的费用可能按未备案处理`,
    });
  }
  const validity = validityFor(pack, type);
  const lastValid = addDays(addPeriod(filed, validity.period), -1);
  if (start > lastValid) {
    const disagree = validity.disagreements.map((d) => `${formatSource(d.source)}（另一说法：${d.says}）`);
    out.push({
      code: 'filing_expired',
      severity: validity.severity,
      field: 'claim.crossRegion.filingDate',
      source: [formatSources(validity.sources), ...disagree].join('；'),
      message: `${label}备案 ${filed} 办理，有效期${describePeriod(validity.period)}（至 ${lastValid}），就医日期 ${start} 已超出有效期，请核对备案记录或重新备案`,
    });
  }
}

const OLDER_RELATIONS: readonly RelativeRelation[] = ['parent', 'grandparent'];
const YOUNGER_RELATIONS: readonly RelativeRelation[] = ['child', 'grandchild'];

function checkIdentity(c: ClaimFacts, today: string, out: Problem[]): void {
  const claimantId = checkIdNumber(c.claimant.idNumber, today);
  if (!claimantId.ok) {
    out.push({
      code: 'id_invalid',
      severity: 'error',
      field: 'claimant.idNumber',
      message: `参保人${claimantId.zh}`,
    });
  }
  const a = c.applicant;
  if (a.relation !== 'self') {
    const applicantId = checkIdNumber(a.idNumber, today);
    if (!applicantId.ok) {
      out.push({
        code: 'id_invalid',
        severity: 'error',
        field: 'applicant.idNumber',
        message: `代办人${applicantId.zh}`,
      });
    } else if (a.idNumber.trim().toUpperCase() === c.claimant.idNumber.trim().toUpperCase()) {
      out.push({
        code: 'relation_invalid',
        severity: 'error',
        field: 'applicant.idNumber',
        message: '代办人的身份证号和参保人相同。参保人本人办理时，applicant.relation 请写 self',
      });
    } else if (claimantId.ok) {
      // A parent younger than the insured person (or a child older) means one of the two numbers is wrong.
      const older = applicantId.birthDate < claimantId.birthDate;
      const younger = applicantId.birthDate > claimantId.birthDate;
      if (
        (OLDER_RELATIONS.includes(a.relation) && !older) ||
        (YOUNGER_RELATIONS.includes(a.relation) && !younger)
      ) {
        out.push({
          code: 'relation_invalid',
          severity: 'warning',
          field: 'applicant.relation',
          message: `代办人的出生日期（${applicantId.birthDate}）和参保人（${claimantId.birthDate}）不符合所填的关系，请核对关系或身份证号`,
        });
      }
    }
  }
  const phone = c.claimant.phone;
  if (phone !== undefined && phone !== null && phone.trim() !== '' && !isMobilePhone(phone)) {
    out.push({
      code: 'phone_invalid',
      severity: 'error',
      field: 'claimant.phone',
      message: `手机号“${phone}”不对：应为以 1 开头的 11 位数字`,
    });
  }
  const bank = c.claimant.bankAccount;
  if (bank) {
    const card = checkBankCard(bank.number);
    if (!card.ok) {
      out.push({
        code: 'bank_card_suspect',
        severity: 'error',
        field: 'claimant.bankAccount.number',
        message: card.zh,
      });
    } else if (!card.luhn) {
      out.push({
        code: 'bank_card_suspect',
        severity: 'warning',
        field: 'claimant.bankAccount.number',
        message:
          '银行卡号没有通过校验，可能抄错了一位，请对照银行卡核对（少数卡号本身不符合校验规则，核对无误可忽略）',
      });
    }
    if (bank.holder.replace(/\s/g, '') !== c.claimant.name.replace(/\s/g, '')) {
      out.push({
        code: 'bank_card_suspect',
        severity: 'warning',
        field: 'claimant.bankAccount.holder',
        message: `收款银行卡的持卡人（${bank.holder}）不是参保人（${c.claimant.name}）本人。报销款一般只打到参保人本人的银行卡`,
      });
    }
  }
}

function checkQuality(documents: readonly EvaluatedDocument[], out: Problem[]): void {
  for (const doc of documents) {
    for (const page of doc.pages) {
      const q = page.quality;
      if (!q || q.verdict === 'pass') continue;
      const messages = q.findings
        .filter((f) => (q.verdict === 'fail' ? f.severity === 'error' : true))
        .map((f) => f.message);
      out.push({
        code: 'document_quality',
        severity: q.verdict === 'fail' ? 'error' : 'warning',
        field: page.field,
        message: `${DOCUMENT_KIND_LABELS[doc.kind].zh}（${page.name}）：${messages.join('；') || '照片检查未通过'}`,
      });
    }
  }
}

function checkInvoices(c: ClaimFacts, invoices: readonly InvoiceEvidence[], out: Problem[]): void {
  for (const inv of invoices) {
    for (const dup of inv.duplicates) {
      const who = dup.claimantName ? `（${dup.claimantName}）` : '';
      if (dup.by === 'qr') {
        out.push({
          code: 'duplicate_invoice',
          severity: 'error',
          field: inv.field,
          message: `这张发票（${inv.name}）已在报销单 ${dup.claimReference}${who} 中用过：二维码相同${inv.parsed ? `，${invoiceLabel(inv.parsed)}` : ''}。同一张发票不能重复报销，请核对`,
        });
      } else {
        // Same-layout invoices of one hospital look alike at hash size, so a photo match alone is a warning.
        out.push({
          code: 'duplicate_invoice',
          severity: dup.identicalFile ? 'error' : 'warning',
          field: inv.field,
          message: dup.identicalFile
            ? `这张发票（${inv.name}）和报销单 ${dup.claimReference}${who} 里的发票是同一个文件。同一张发票不能重复报销，请核对`
            : `这张发票（${inv.name}）的照片和报销单 ${dup.claimReference}${who} 里的一张发票几乎完全相同，疑似同一张发票重复报销，请核对`,
        });
      }
    }
    if (inv.repeatOf) {
      out.push({
        code: 'duplicate_invoice',
        severity: 'error',
        field: inv.field,
        message: `这张发票（${inv.name}）和本报销单里的 ${inv.repeatOf} 是同一张，请删除重复的一份`,
      });
    }
  }
  const total = c.totalAmount;
  if (total === null || total === undefined || invoices.length === 0) return;
  // Compare only when every invoice's amount was read: a partial sum would always look short.
  if (invoices.some((i) => i.parsed?.amount === null || i.parsed?.amount === undefined || i.repeatOf)) return;
  const sumFen = invoices.reduce((s, i) => s + Math.round((i.parsed?.amount ?? 0) * 100), 0);
  const totalFen = Math.round(total * 100);
  if (Math.abs(sumFen - totalFen) > AMOUNT_TOLERANCE_FEN) {
    out.push({
      code: 'amount_mismatch',
      severity: 'warning',
      field: 'claim.totalAmount',
      message: `填写的总金额 ${(totalFen / 100).toFixed(2)} 元与发票二维码上的金额合计 ${(sumFen / 100).toFixed(2)} 元不一致，请核对`,
    });
  }
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
  const requirements = pack.requirements
    .filter((r) => conditionHolds(r.when, scenario))
    .map((r) => evaluateRequirement(r, scenario, documents));
  const problems: Problem[] = [];
  const { start, end } = checkDates(claim, today, problems);
  const deadline = checkDeadline(end, today, pack, problems);
  checkFiling(claim, start, today, pack, problems);
  checkIdentity(claim, today, problems);
  checkQuality(documents, problems);
  checkInvoices(claim, options.invoices ?? [], problems);
  // Errors first, so a printed checklist starts with what blocks the claim.
  problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return {
    complete: requirements.every((r) => r.status === 'satisfied'),
    requirements,
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

/** Exit status of `evaluate`: 0 only when complete and no error-level problem. */
export function isReadyToSubmit(report: EvaluationReport): boolean {
  return report.complete && !report.problems.some((p) => p.severity === 'error');
}
