// A new claim's answers and the papers dropped for it, looked at before the claim is created (issue 26,
// points 3 and 7): where the care was, as the hospital's name says; whether that is outside the person's 参保地
// (异地); and what the papers say against each other and against the chosen person — which paper's date
// disagrees with the others', a name that is not the patient's — so the person fixes the right paper before
// a wrong value is taken into the claim. Pure: the papers' readings come in, words come out.
import { DOCUMENT_KIND_LABELS, type DocumentKind } from '../../../shared/domain';
import type { Fields } from '../../../shared/fields';
import { CONFIDENT_READING } from '../../../shared/fields';
import { normaliseName } from './cross-document';
import { regionOfPlaceName, sameRegion } from './regions';
import { formatDateEn, formatDateZh } from './words';

export interface DraftPaper {
  /** The person's own file name. */
  name: string;
  kind: DocumentKind | null;
  fields: Fields;
}

export interface DraftPerson {
  name: string;
  idNumber: string;
  insuredRegion: string;
}

export interface DraftNote {
  zh: string;
  en: string;
  /** The papers the note is about (file names), so the screen can mark them. */
  papers: string[];
}

export interface DraftCheck {
  /** The place of care the hospital's name gives (上海市第一人民医院 → 上海市); null when it gives none. */
  region: string | null;
  /** The place of care (typed, else the hospital's) is outside the person's 参保地; null when unknown. */
  crossRegion: boolean | null;
  notes: DraftNote[];
}

const label = (p: DraftPaper, lang: 'zh' | 'en' = 'zh'): string =>
  lang === 'zh'
    ? `${p.kind ? DOCUMENT_KIND_LABELS[p.kind].zh : '材料'}（${p.name}）`
    : `${p.kind ? DOCUMENT_KIND_LABELS[p.kind].en.toLowerCase() : 'paper'} (${p.name})`;

const text = (f: Fields, n: string): string | null => {
  const v = f[n]?.value;
  return typeof v === 'string' && v.trim() !== '' ? v : null;
};

/**
 * How many days before a single printed date the care it follows may lie, for the draft's question only
 * ("可能是别次看病的，请核对"). The guides give no window (the claim's own date check names none, issue 25), so
 * this is no rule told to anyone: no day count is shown, and a paper outside it is only asked about.
 */
const SAME_VISIT_DAYS = 7;

const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/**
 * The days of care a paper stands for: a printed stay (住院时间, 入院/出院日期) is the stay itself; a single
 * date (an invoice's 开票日期, a certificate's 就诊日期) is the care it follows, on that day or up to
 * SAME_VISIT_DAYS before (the settlement office issues the 票据 on the day or a few days later). A referral is dated before the care: it is not compared.
 */
function careDays(p: DraftPaper): { from: number; to: number; zh: string; en: string } | null {
  const start = text(p.fields, 'careStart');
  const end = text(p.fields, 'careEnd');
  if (start && end && p.kind !== 'referral_certificate')
    return {
      from: dayNumber(start),
      to: dayNumber(end),
      zh: `${formatDateZh(start)}–${formatDateZh(end)}`,
      en: `${formatDateEn(start)} – ${formatDateEn(end)}`,
    };
  const day =
    p.kind === 'invoice'
      ? text(p.fields, 'issueDate')
      : p.kind === 'diagnosis_certificate'
        ? text(p.fields, 'visitDate')
        : null;
  if (!day) return null;
  const d = dayNumber(day);
  return { from: d - SAME_VISIT_DAYS, to: d, zh: formatDateZh(day), en: formatDateEn(day) };
}

/** Which papers' dates cannot belong to the same visit or stay as the others'. */
function dateNotes(papers: readonly DraftPaper[]): DraftNote[] {
  const dated = papers.flatMap((p) => {
    const days = careDays(p);
    return days ? [{ p, ...days }] : [];
  });
  if (dated.length < 2) return [];
  const agree = (a: (typeof dated)[number], b: (typeof dated)[number]) => a.from <= b.to && b.from <= a.to;
  if (dated.every((a) => dated.every((b) => agree(a, b)))) return [];
  // The paper most others agree with, and those that agree with it: when they are most of the papers, the
  // rest are the ones that disagree; otherwise no side can be told, and every date is listed.
  const anchor = dated.reduce((best, a) =>
    dated.filter((b) => agree(a, b)).length > dated.filter((b) => agree(best, b)).length ? a : best,
  );
  const group = dated.filter((b) => agree(anchor, b));
  if (group.length * 2 > dated.length) {
    const kind = (p: DraftPaper, lang: 'zh' | 'en') =>
      p.kind ? DOCUMENT_KIND_LABELS[p.kind][lang] : lang === 'zh' ? '材料' : 'paper';
    const others = group.map((g) => `${kind(g.p, 'zh')} ${g.zh}`).join('，');
    const othersEn = group.map((g) => `${kind(g.p, 'en').toLowerCase()} ${g.en}`).join(', ');
    return dated
      .filter((d) => !group.includes(d))
      .map((d) => ({
        zh: `${label(d.p)}上的日期是 ${d.zh}，和其他材料对不上（${others}）：可能是别次看病的，请核对；不是这次的请移除`,
        en: `The date on the ${label(d.p, 'en')} is ${d.en}, which does not fit the other papers (${othersEn}): it may be from another visit; check it, and remove it if so`,
        papers: [d.p.name],
      }));
  }
  return [
    {
      zh: `这几份材料上的日期对不上：${dated.map((d) => `${label(d.p)}是 ${d.zh}`).join('，')}。请核对哪一份是这次看病的，不是这次的请移除`,
      en: `The dates on these papers do not fit together: ${dated.map((d) => `the ${label(d.p, 'en')} says ${d.en}`).join(', ')}. Check which belong to this visit and remove the others`,
      papers: dated.map((d) => d.p.name),
    },
  ];
}

/** A paper whose printed name or ID number is not the chosen person's. */
function personNotes(person: DraftPerson, papers: readonly DraftPaper[]): DraftNote[] {
  const notes: DraftNote[] = [];
  const want = normaliseName(person.name);
  for (const p of papers) {
    const field = p.kind === 'id_card' ? 'name' : 'patientName';
    const reading = p.fields[field];
    const name = text(p.fields, field);
    if (name && normaliseName(name) !== want) {
      const unsure = (reading?.confidence ?? 1) < CONFIDENT_READING;
      notes.push({
        zh: `${label(p)}上的姓名是“${name}”，不是所选的患者“${person.name}”${unsure ? '（也可能是没读准）' : ''}：请核对是不是这位患者的材料，或换选患者`,
        en: `The name on the ${label(p, 'en')} is "${name}", not the chosen patient "${person.name}"${unsure ? ' (or it was misread)' : ''}: check whose paper it is, or choose the patient`,
        papers: [p.name],
      });
    }
    const id = p.kind === 'id_card' ? text(p.fields, 'idNumber') : null;
    if (id && id.replace(/\s/g, '').toUpperCase() !== person.idNumber.replace(/\s/g, '').toUpperCase())
      notes.push({
        zh: `${label(p)}上的身份证号和所选患者的不一样：请核对是不是这位患者的身份证`,
        en: `The ID number on the ${label(p, 'en')} differs from the chosen patient's: check whose card it is`,
        papers: [p.name],
      });
  }
  return notes;
}

export function checkClaimDraft(
  draft: { person: DraftPerson | null; hospital: string; treatmentRegion: string },
  papers: readonly DraftPaper[],
): DraftCheck {
  const region = regionOfPlaceName(draft.hospital);
  const place = draft.treatmentRegion.trim() || region;
  const crossRegion =
    draft.person && place && draft.person.insuredRegion.trim()
      ? !sameRegion(place, draft.person.insuredRegion)
      : null;
  return {
    region,
    crossRegion,
    notes: [...(draft.person ? personNotes(draft.person, papers) : []), ...dateNotes(papers)],
  };
}
