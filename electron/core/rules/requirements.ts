// One requirement of the pack against the claim's papers: satisfied, missing or needs attention, with the
// reason and its sources; then the errors of a paper folded into its requirement, and the bundle's order.
import { DOCUMENT_KIND_LABELS, type DocumentKind } from '../../../shared/domain';
import { documentIndexOfField, type Problem, type RequirementResult } from '../../../shared/evaluation';
import type { QualityReport } from '../../../shared/quality';
import {
  conditionHolds,
  type CheckName,
  type ClaimFact,
  type RequirementCheck,
  type RequirementRule,
  type RuleSource,
  type Scenario,
  type SeedTitles,
} from '../../../shared/rules';
import type { ClaimFacts, EvaluatedDocument, EvaluatedPage } from './facts';
import { sourceFields } from './sink';

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
export function idCardsHoldingApplicant(
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

export function evaluateRequirement(
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
